import { MAX_ALERTS, readAlerts } from './alertPayload';

const v4 = (alerts: unknown[], extra: object = {}) => ({
  version: '4',
  groupKey: '{}:{alertname="TlsFailures"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'backstage',
  groupLabels: { alertname: 'TlsFailures' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts,
  ...extra,
});

const alert = (labels: unknown, extra: object = {}) => ({
  status: 'firing',
  labels,
  annotations: { summary: 'TLS handshake failures' },
  startsAt: '2026-03-04T02:13:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint: 'a1b2c3',
  ...extra,
});

describe('readAlerts', () => {
  it("reads Alertmanager's version 4 payload, alert by alert", () => {
    const [a] = readAlerts(v4([alert({ instance: '10.20.3.14:8443' })]));
    expect(a).toEqual({
      position: 0,
      fingerprint: 'a1b2c3',
      status: 'firing',
      labels: { instance: '10.20.3.14:8443' },
      annotations: { summary: 'TLS handshake failures' },
      invalid: undefined,
    });
  });

  it('keeps machine text, with control characters as spaces (lines kept in annotations)', () => {
    const [a] = readAlerts(
      v4([
        alert(
          {
            alertname: 'Tls\u0000Failures',
            'instance\u001b': '10.20.3.14:8443',
          },
          {
            annotations: {
              summary: 'TLS\u202e handshake failures',
              description: 'line one\nline two',
            },
          },
        ),
      ]),
    );
    expect(a.labels).toEqual({
      alertname: 'Tls Failures',
      'instance ': '10.20.3.14:8443',
    });
    expect(a.annotations).toEqual({
      summary: 'TLS  handshake failures',
      description: 'line one\nline two',
    });
  });

  it('reads one generic alert, with a fingerprint from its labels that does not depend on their order', () => {
    const [a] = readAlerts({ labels: { b: '2', a: '1' }, annotations: {} });
    const [b] = readAlerts({ labels: { a: '1', b: '2' } });
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.status).toBe('firing');
  });

  it.each([
    [
      v4([], { version: '3' }),
      `version: is "3": this endpoint speaks Alertmanager's webhook version "4"`,
    ],
    [{ version: '4' }, 'alerts: is required: the list of alerts'],
    [[1, 2], 'The body must be an Alertmanager webhook payload'],
    ['text', 'The body must be an Alertmanager webhook payload'],
    [
      v4(Array.from({ length: 10_000 }, () => alert({}))),
      `holds more than ${MAX_ALERTS} alerts: set max_alerts: ${MAX_ALERTS} in the Alertmanager receiver`,
    ],
  ])(
    'refuses a malformed payload with a clear message (%#)',
    (body, message) => {
      expect(() => readAlerts(body)).toThrow(message);
    },
  );

  it('marks alerts with unusable labels, keeping the others routable', () => {
    const alerts = readAlerts(
      v4([
        alert({ instance: 42 }),
        alert({ instance: 'x'.repeat(5000) }),
        alert(
          Object.fromEntries(
            Array.from({ length: 100 }, (_, i) => [`l${i}`, 'v']),
          ),
        ),
        alert('not labels'),
        alert({ instance: '10.20.3.14:8443', note: '<script>\u0000\u202e' }),
      ]),
    );
    expect(alerts.map(a => a.invalid)).toEqual([
      'labels.instance must be a string',
      'labels.instance is longer than 1024 characters',
      'labels has 100 entries, at most 64',
      'labels must be an object of strings',
      undefined,
    ]);
  });
});
