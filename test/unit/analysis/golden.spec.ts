import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeArticle, ANALYSIS_VERSION, type ArticleAnalysis } from '../../../src/analysis';

// Stored analyses may be compared across runs only while ANALYSIS_VERSION says what produced
// them: any change of output over the shipped samples must come with a version bump, and a bump
// with regenerated golden files (UPDATE_GOLDEN=1 npx jest test/unit/analysis/golden.spec.ts).

const samplesDir = join(__dirname, '../../../samples');
const goldenDir = join(__dirname, '../../fixtures/golden');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.txt'));

interface Golden {
  analysisVersion: string;
  monitor: string;
  result: ArticleAnalysis;
}

function monitorOf(file: string): string {
  return file.startsWith('russia-ukraine') ? 'russia-ukraine' : 'us-china';
}

describe('golden analyses of samples/', () => {
  it('covers every sample', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples)('%s matches its golden file at this ANALYSIS_VERSION', (file) => {
    const monitor = monitorOf(file);
    const result = analyzeArticle(readFileSync(join(samplesDir, file), 'utf8'), { monitor });
    const goldenPath = join(goldenDir, file.replace(/\.txt$/, '.json'));
    if (process.env.UPDATE_GOLDEN === '1') {
      const golden: Golden = { analysisVersion: ANALYSIS_VERSION, monitor, result };
      writeFileSync(goldenPath, `${JSON.stringify(golden, null, 2)}\n`);
    }
    const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as Golden;
    if (golden.analysisVersion !== ANALYSIS_VERSION) {
      throw new Error(
        `${goldenPath} was written at ANALYSIS_VERSION ${golden.analysisVersion}, now ${ANALYSIS_VERSION}: regenerate it with UPDATE_GOLDEN=1`,
      );
    }
    // Output changed at the same version: bump ANALYSIS_VERSION, then regenerate.
    expect(result).toEqual(golden.result);
  });
});
