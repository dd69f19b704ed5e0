import { mockServices } from '@backstage/backend-test-utils';
import { EventParams } from '@backstage/plugin-events-node';
import {
  OPS_FACTS_CHANGED_TOPIC,
  readOpsFactsChanged,
} from '@integrated-ops/plugin-integrated-ops-common';
import { OpsFactsChangePublisher } from './OpsFactsChangePublisher';

function setup() {
  const published: EventParams[] = [];
  const events = {
    publish: jest.fn(async (params: EventParams) => {
      published.push(params);
    }),
    subscribe: jest.fn(),
  };
  const logger = mockServices.logger.mock();
  const publisher = new OpsFactsChangePublisher({
    events,
    logger,
    flushAfterMs: 20,
  });
  const refs = () => published.map(p => readOpsFactsChanged(p.eventPayload));
  return { publisher, events, published, refs, logger };
}

describe('OpsFactsChangePublisher', () => {
  it('gathers the changes of a moment into one event on the topic', async () => {
    const { publisher, published, refs } = setup();
    publisher.changed('component:default/a');
    publisher.changed('component:default/b');
    publisher.changed('component:default/a');
    expect(published).toEqual([]);
    await new Promise(r => setTimeout(r, 60));
    expect(published.map(p => p.topic)).toEqual([OPS_FACTS_CHANGED_TOPIC]);
    expect(refs()).toEqual([['component:default/a', 'component:default/b']]);
  });

  it('splits a burst into events of at most 500 refs', async () => {
    const { publisher, refs } = setup();
    for (let i = 0; i < 1201; i++) publisher.changed(`component:default/c${i}`);
    await publisher.flush();
    expect(refs().map(r => r.length)).toEqual([500, 500, 201]);
  });

  it('logs a failed send and keeps announcing later changes', async () => {
    const { publisher, events, refs, logger } = setup();
    events.publish.mockRejectedValueOnce(new Error('bus down'));
    publisher.changed('component:default/a');
    await publisher.flush();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('bus down'),
    );
    publisher.changed('component:default/b');
    await publisher.flush();
    expect(refs()).toEqual([['component:default/b']]);
  });
});
