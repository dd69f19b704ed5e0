import { contactValue, formatPhone } from './contactText';

describe('numbers as people dial them', () => {
  it('groups an E.164 number as its country writes it, and leaves what it cannot read', () => {
    expect(formatPhone('+442079460100')).toBe('+44 20 7946 0100');
    expect(formatPhone('+4930901820')).toBe('+49 30 901820');
    expect(formatPhone('+12025550143')).toBe('+1 202 555 0143');
    expect(formatPhone('ext. 4411')).toBe('ext. 4411');
  });

  it('shows a tel: link grouped and any other link as written', () => {
    expect(contactValue({ type: 'pager', url: 'tel:+442070000101' })).toBe(
      '+44 20 7000 0101',
    );
    expect(
      contactValue({ type: 'chat', url: 'https://chat.bank.example/x' }),
    ).toBe('https://chat.bank.example/x');
  });
});
