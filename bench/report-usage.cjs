// Preloaded into a measured process (`node --require bench/report-usage.cjs …`): when the process
// exits, writes its CPU time (every thread: V8's compiler and GC threads too) and peak RSS as JSON to
// the file named by BENCH_USAGE_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    const usage = { cpuSeconds: (user + system) / 1e6, maxRssKb: process.resourceUsage().maxRSS };
    writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify(usage));
});
