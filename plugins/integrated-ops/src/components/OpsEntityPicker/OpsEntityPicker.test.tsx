import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { OpsEntityPicker } from './OpsEntityPicker';
import { byRelevance } from './relevance';

const component = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: {},
});

const estate = [
  component('payments-web', 'Payments Web (3-D Secure)'),
  component('payments-api', 'Payments API'),
  component('web-payments-proxy', 'Checkout proxy'),
  component('fraud-scoring-service', 'Fraud Scoring Service'),
  component('case-management-ui', 'Fraud Case Management'),
];

/** The picker in a form that keeps what it answers, as the scaffolder's does. */
function Form(props: { onChange: (ref?: string) => void; initial?: string }) {
  const [value, setValue] = useState<string | undefined>(props.initial);
  return (
    <OpsEntityPicker
      {...({
        schema: { title: 'To' },
        uiSchema: { 'ui:options': { catalogFilter: [{ kind: 'Component' }] } },
        formData: value,
        onChange: (ref?: string) => {
          setValue(ref);
          props.onChange(ref);
        },
        rawErrors: [],
        required: true,
        idSchema: { $id: 'to' },
      } as any)}
    />
  );
}

describe('finding an entity by what people call it', () => {
  it('puts the exact name first, then prefixes, then words, then anywhere', () => {
    const names = (typed: string) =>
      byRelevance(estate, typed).map(e => e.metadata.name);
    expect(names('payments-web')).toEqual(['payments-web']);
    expect(names('component:default/payments-web')).toEqual(['payments-web']);
    expect(names('payments')).toEqual([
      'payments-api',
      'payments-web',
      'web-payments-proxy',
    ]);
    expect(names('case')).toEqual(['case-management-ui']);
    expect(names('management')).toEqual(['case-management-ui']);
    expect(names('nothing-like-it')).toEqual([]);
    // Every ref starts with component:default/: that alone matches nothing.
    expect(names('po')).toEqual([]);
    expect(names('component:default/payments-w')).toEqual(['payments-web']);
  });

  it('lists the entity when its name is typed, and answers its ref', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[[catalogApiRef, catalogApiMock({ entities: estate })]]}
      >
        <Form onChange={onChange} />
      </TestApiProvider>,
    );
    await userEvent.type(
      screen.getByRole('combobox', { name: /To/ }),
      'payments-web',
    );
    const option = await screen.findByRole('option', {
      name: 'Payments Web (3-D Secure)',
    });
    await userEvent.click(option);
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith('component:default/payments-web'),
    );
    // The field shows the choice by its title, and the list has closed.
    expect(screen.getByRole('combobox', { name: /To/ })).toHaveValue(
      'Payments Web (3-D Secure)',
    );
    await waitFor(() => expect(screen.queryByRole('option')).toBeNull());
  });

  const render = async (initial?: string) => {
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[[catalogApiRef, catalogApiMock({ entities: estate })]]}
      >
        <Form onChange={onChange} initial={initial} />
      </TestApiProvider>,
    );
    return { onChange, box: screen.getByRole('combobox', { name: /To/ }) };
  };

  it('shows a value given beforehand by its title, and empties when emptied', async () => {
    const { onChange, box } = await render('component:default/payments-api');
    await waitFor(() => expect(box).toHaveValue('Payments API'));
    await userEvent.clear(box);
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('takes an exact name typed and Enter, without choosing from the list', async () => {
    const { onChange, box } = await render();
    await screen.findByRole('combobox', { name: /To/ });
    await userEvent.type(box, 'fraud-scoring-service{Enter}');
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith(
        'component:default/fraud-scoring-service',
      ),
    );
    await userEvent.tab();
    await waitFor(() => expect(box).toHaveValue('Fraud Scoring Service'));
  });
});
