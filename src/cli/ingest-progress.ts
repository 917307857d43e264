export interface IngestCounts {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

const BAR_WIDTH = 30;
const LINE_EVERY_MS = 5_000;

/**
 * Progress on stderr: a redrawn bar on a terminal, a line every few seconds otherwise (a
 * log file should not fill up with carriage returns). The total is unknown while .jsonl
 * files are still being read, so the bar fills per file.
 */
export class IngestProgress {
  private lastLine = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly isTerminal: boolean,
    private readonly files: number,
  ) {}

  update(counts: IngestCounts, filesDone: number): void {
    const summary = `${counts.sent} sent, ${counts.accepted} accepted, ${counts.duplicates} duplicates, ${counts.rejected} rejected`;
    if (this.isTerminal) {
      const filled = Math.round((filesDone / Math.max(this.files, 1)) * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
      this.write(`\r[${bar}] ${filesDone}/${this.files} files  ${summary}`);
      return;
    }
    if (Date.now() - this.lastLine < LINE_EVERY_MS && filesDone < this.files) return;
    this.lastLine = Date.now();
    this.write(`ingest: ${filesDone}/${this.files} files, ${summary}\n`);
  }

  done(): void {
    if (this.isTerminal) this.write('\n');
  }
}
