import { csvCell } from './personal-data.csv';

describe('CSV cells', () => {
  it('quote commas, quotes and line breaks', () => {
    expect(csvCell('Rice, 5 kg')).toBe('"Rice, 5 kg"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
  });

  it('defuse what a person typed that a spreadsheet would run, but leave amounts alone', () => {
    expect(csvCell('=HYPERLINK("x")', true)).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)', true)).toBe("'@SUM(A1)");
    expect(csvCell('-250.00')).toBe('-250.00');
  });
});
