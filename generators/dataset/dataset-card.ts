import { FAMILIES } from '../../language/colors.js';
import { type BuildReport, SIZE_BUCKETS } from './build-report.js';
import { SPLIT_NAMES } from './split.js';

/** The dataset card (README.md in the dataset directory): what is in it and how it was made. */
export function renderDatasetCard(report: BuildReport): string {
    const total = SPLIT_NAMES.reduce((sum, s) => sum + report.rows[s], 0);
    const families = Object.keys(report.rowsByFamily).sort(byFamilyOrder);
    const lines: string[] = [
        '# ARC DSL tasks',
        '',
        'Few-shot ARC-style grid tasks, each with the one canonical DSL program that maps every train input',
        'to its output and the test input to the test output (checked by the interpreter when this dataset',
        'was built). Open it with `datasets.load_from_disk(<this directory>)`.',
        '',
        `Built by \`arcdsl dataset\` from ${report.inputFiles.map((f) => `\`${f}\``).join(', ')}`,
        `with split ${report.options.split.join('/')} (by program), seed \`${report.options.seed}\`, prompt format \`${report.options.promptFormat}\`.`,
        '',
        '## Splits',
        '',
        'A canonical program lands in exactly one split, so validation and test measure generalisation to',
        'programs never seen in training, not recall.',
        '',
        '| split | rows | share | distinct programs |',
        '|---|---:|---:|---:|',
        ...SPLIT_NAMES.map(
            (s) => `| ${s} | ${count(report.rows[s])} | ${percent(report.rows[s], total)} | ${count(report.programsBySplit[s])} |`,
        ),
        `| all | ${count(total)} | 100% | ${count(report.programs)} |`,
        '',
        `Programs found in more than one split: ${report.programsInTwoSplits}.`,
        '',
        '## Families',
        '',
        '| family | train | validation | test | total | distinct programs |',
        '|---|---:|---:|---:|---:|---:|',
        ...families.map((f) => {
            const rows = report.rowsByFamily[f];
            const sum = rows.train + rows.validation + rows.test;
            return `| ${f} | ${count(rows.train)} | ${count(rows.validation)} | ${count(rows.test)} | ${count(sum)} | ${count(report.programsByFamily[f] ?? 0)} |`;
        }),
        '',
        '## Grid sizes',
        '',
        'Grids counted by their larger side, over every pair of every row.',
        '',
        '| larger side | input grids | output grids |',
        '|---|---:|---:|',
        ...SIZE_BUCKETS.map((bucket, i) => `| ${bucket} | ${count(report.gridSizes.inputs[i])} | ${count(report.gridSizes.outputs[i])} |`),
        '',
        'Text lengths, in characters:',
        '',
        '| column | median | 95th percentile | longest |',
        '|---|---:|---:|---:|',
        ...(['prompt', 'completion'] as const).map((column) => {
            const stats = report.lengths[column];
            return `| ${column} | ${count(stats.quantile(0.5))} | ${count(stats.quantile(0.95))} | ${count(stats.quantile(1))} |`;
        }),
        '',
        `Train pairs per row: ${Object.entries(report.trainPairs)
            .map(([pairs, n]) => `${pairs} pairs × ${count(n)}`)
            .join(', ')}.`,
        '',
        '## Rejected records',
        '',
        ...builderRejections(report),
        '',
        '### At generation',
        '',
        ...generatorRejections(report.generatorSummary),
        '',
        '## Columns',
        '',
        '- `id`, `task_type` (the family), `sub_rule` (the generator rule, may be null), `num_train`',
        '- `train_input1`, `train_output1`, `train_input2`, `train_output2`, … `test_input`, `test_output`:',
        '  grids as lists of rows of colours 0–9 (`train_input3`… are null where a row has fewer pairs)',
        '- `solution`: the canonical DSL program',
        '- `prompt`, `completion`: the model text, made by the one prompt formatter (`language/prompt.ts`);',
        '  train on them verbatim and append EOS after the completion',
        '',
    ];
    if (report.example) {
        lines.push(
            '## Example',
            '',
            'prompt:',
            '',
            fence(report.example.prompt),
            '',
            'completion:',
            '',
            fence(report.example.completion),
            '',
        );
    }
    return lines.join('\n');
}

function builderRejections(report: BuildReport): string[] {
    const invalid = Object.entries(report.invalid);
    const lines = [
        `When this dataset was built: ${count(report.records)} records read, ${count(report.duplicates)} duplicates dropped,`,
        `${count(invalid.reduce((sum, [, n]) => sum + (n ?? 0), 0))} invalid records left out.`,
    ];
    if (invalid.length > 0) {
        lines.push('', '| reason | records |', '|---|---:|', ...invalid.map(([reason, n]) => `| ${reason} | ${count(n ?? 0)} |`));
        lines.push('', 'First rejections:', '', ...report.invalidExamples.map((m) => `- ${m.replaceAll('|', '\\|')}`));
    }
    return lines;
}

interface FamilySummary {
    accepted?: unknown;
    rejected?: unknown;
    unfilled?: unknown;
}

/**
 * The generator's own accepted/rejected counts, read from its summary.json. Understood shapes:
 * `{<family>: {accepted, rejected: {<reason>: n} | n}}`, possibly under `families`; anything else
 * is shown as it is.
 */
function generatorRejections(summary: unknown): string[] {
    if (summary === undefined) return ['Not available (the input directory has no summary.json).'];
    if (typeof summary === 'string') return [summary];
    const root = summary as Record<string, unknown>;
    const perFamily = (isObject(root.families) ? root.families : root) as Record<string, unknown>;
    const families = Object.keys(perFamily).filter((k) => (FAMILIES as readonly string[]).includes(k) && isObject(perFamily[k]));
    if (families.length === 0) return ['From the generator’s summary.json:', '', fence(JSON.stringify(summary, null, 2), 'json')];
    const lines = [
        'From the generator’s summary.json (candidates rejected while generating; unfilled: indices where every candidate was rejected):',
        '',
        '| family | accepted | rejected | unfilled | rejected by reason |',
        '|---|---:|---:|---:|---|',
    ];
    for (const family of families.sort(byFamilyOrder)) {
        const { accepted, rejected, unfilled } = perFamily[family] as FamilySummary;
        const reasons = isObject(rejected) ? Object.entries(rejected as Record<string, unknown>) : [];
        const rejectedTotal =
            typeof rejected === 'number' ? rejected : reasons.reduce((sum, [, n]) => sum + (typeof n === 'number' ? n : 0), 0);
        const byReason = reasons
            .sort((a, b) => Number(b[1]) - Number(a[1]))
            .map(([reason, n]) => `${reason}: ${count(Number(n))}`)
            .join(', ');
        const number = (n: unknown) => (typeof n === 'number' ? count(n) : '—');
        lines.push(`| ${family} | ${number(accepted)} | ${count(rejectedTotal)} | ${number(unfilled)} | ${byReason || '—'} |`);
    }
    return lines;
}

function isObject(value: unknown): value is object {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function byFamilyOrder(a: string, b: string): number {
    const rank = (f: string) => {
        const i = (FAMILIES as readonly string[]).indexOf(f);
        return i < 0 ? FAMILIES.length : i;
    };
    return rank(a) - rank(b) || a.localeCompare(b);
}

function count(n: number): string {
    return n.toLocaleString('en');
}

function percent(part: number, whole: number): string {
    return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}

function fence(text: string, lang = 'text'): string {
    return `\`\`\`${lang}\n${text.replace(/\n$/, '')}\n\`\`\``;
}
