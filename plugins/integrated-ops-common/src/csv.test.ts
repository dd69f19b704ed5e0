import { csvText } from './csv';

describe('CSV exports', () => {
  it('neutralise what a spreadsheet would run, and keep each row on its line', () => {
    expect(
      csvText([
        ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tcmd', 'plain'],
        ['a,b', 'line\rbreak', 'say "hi"'],
      ]),
    ).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),'\tcmd,plain\n` +
        `"a,b","line\rbreak","say ""hi"""\n`,
    );
  });
});
