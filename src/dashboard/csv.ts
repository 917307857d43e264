/**
 * RFC 4180 CSV. Text that a spreadsheet would run as a formula (starting with = + - @ or a
 * tab or carriage return) gets a leading apostrophe, the usual guard against CSV injection.
 */
export function csvField(value: string | number | boolean | null, isText: boolean): string {
  if (value === null) return '';
  let text = String(value);
  if (isText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null;
  /** free text from articles: guarded against formula injection */
  text?: boolean;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => c.header).join(',')];
  for (const row of rows)
    lines.push(columns.map((c) => csvField(c.value(row), c.text ?? false)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
