/**
 * Go's text/tabwriter (src/text/tabwriter/tabwriter.go) for what kubeadm and kubectl print with
 * it: cells end at a tab, the last cell of a line is not part of a column, and a column block
 * (consecutive lines that have a cell in that column) is as wide as its widest cell plus
 * `padding`, at least `minwidth`. Widths count runes, as Go's utf8.RuneCount. Space padding and
 * no flags only (what kubeadm's `tabwriter.NewWriter(w, 10, 4, 3, ' ', 0)` uses).
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

const runeCount = (s: string): number => [...s].length;

/** Everything written to one tabwriter up to a Flush, aligned. `text` ends each line with "\n". */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const lines = text.split('\n');
  const trailing = lines.pop(); // text after the last newline is a line not yet terminated
  const cells = lines.map((l) => l.split('\t'));
  if (trailing !== undefined && trailing !== '') cells.push(trailing.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = cells[i]!;
      let s = '';
      for (const [j, cell] of line.entries()) {
        s += cell;
        if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j]! - runeCount(cell)));
      }
      out.push(i < lines.length ? `${s}\n` : s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let here = line0; here < line1; here++) {
      if (column >= cells[here]!.length - 1) continue;
      writeLines(line0, here);
      line0 = here;
      let width = options.minwidth;
      for (; here < line1 && column < cells[here]!.length - 1; here++) {
        width = Math.max(width, runeCount(cells[here]![column]!) + options.padding);
      }
      widths.push(width);
      format(line0, here);
      widths.pop();
      line0 = here; // the loop's increment then skips that line: it has no cell in this column
    }
    writeLines(line0, line1);
  };

  format(0, cells.length);
  return out.join('');
}
