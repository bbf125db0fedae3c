import type { PromptFormat } from '../../language/prompt.js';
import type { RejectReason } from './record-error.js';
import type { SplitName } from './split.js';

/** Grid counts by their larger side: 1–5, 6–10, …, 26–30. */
export const SIZE_BUCKETS = ['1–5', '6–10', '11–15', '16–20', '21–25', '26–30'] as const;

export function sizeBucket(height: number, width: number): number {
    return Math.min(SIZE_BUCKETS.length - 1, Math.floor((Math.max(height, width) - 1) / 5));
}

/** A histogram of lengths (characters), one count per length. */
export class LengthStats {
    private counts = new Uint32Array(1024);
    private total = 0;

    add(length: number): void {
        if (length >= this.counts.length) {
            const grown = new Uint32Array(Math.max(length + 1, this.counts.length * 2));
            grown.set(this.counts);
            this.counts = grown;
        }
        this.counts[length]++;
        this.total++;
    }

    /** The length at quantile q (0–1), or 0 when empty. */
    quantile(q: number): number {
        const rank = Math.max(1, Math.ceil(q * this.total));
        let seen = 0;
        for (let length = 0; length < this.counts.length; length++) {
            seen += this.counts[length];
            if (seen >= rank) return length;
        }
        return 0;
    }
}

/** What a build did: the dataset card is rendered from this, and the CLI prints its summary. */
export interface BuildReport {
    out: string;
    inputFiles: string[];
    options: { split: number[]; seed: string; promptFormat: PromptFormat };
    /** Non-blank input lines. */
    records: number;
    invalid: Partial<Record<RejectReason, number>>;
    /** The first few rejection messages, for the card and the console. */
    invalidExamples: string[];
    duplicates: number;
    rows: Record<SplitName, number>;
    rowsByFamily: Record<string, Record<SplitName, number>>;
    programs: number;
    programsBySplit: Record<SplitName, number>;
    programsByFamily: Record<string, number>;
    /** Programs whose rows landed in more than one split (checked on the rows written; always 0). */
    programsInTwoSplits: number;
    trainPairs: Record<number, number>;
    gridSizes: { inputs: number[]; outputs: number[] };
    generatorSummary: unknown;
    example: { prompt: string; completion: string } | undefined;
    /** Characters per row: how long the model's inputs and targets are. */
    lengths: { prompt: LengthStats; completion: LengthStats };
    files: Record<SplitName, string[]>;
    bytes: number;
    seconds: number;
    /** Worker threads used (0: all in the main thread). */
    workers: number;
    /** Wall time of the checking pass and of the writing pass, and the CPU time of each (all threads of this process). */
    timings: { checkSeconds: number; writeSeconds: number; checkCpuSeconds: number; writeCpuSeconds: number };
}
