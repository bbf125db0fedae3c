// Real-VS-Code end-to-end harness: code-server (VS Code in the browser) driven by Debian's Chromium
// through playwright-core. Plain ESM for Node 20, no build step.
//
// Install the tools once with `bash scripts/install-code-server.sh`; see docs/e2e.md.
//
// Typical use:
//     const s = await startSession({ name: 'editor', vsix: process.env.ARCDSL_VSIX, folder });
//     try {
//         await openFileFromExplorer(s.page, 'good.arcdsl');
//         await waitForLanguageMode(s.page, 'ARC DSL');
//     } finally {
//         await s.dispose();
//     }
//
// Every wait polls with a deadline and fails with a message saying what it waited for and what it
// saw last. Nothing sleeps for a fixed long time.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_DIR = path.join(REPO_ROOT, '.tools', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve(process.env.E2E_ARTIFACTS_DIR ?? path.join(REPO_ROOT, 'test-artifacts', 'e2e'));

export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
];

/** User settings written for every session; `settings` passed to startSession are merged on top. */
export const DEFAULT_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.settings.enableNaturalLanguageSearch': false,
    'security.workspace.trust.enabled': false,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'npm.fetchOnlinePackageInfo': false,
    'json.schemaDownload.enable': false,
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    // Completion only when asked (Ctrl+Space), so typing in a test is never swallowed by a popup.
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.hover.delay': 150,
    'editor.hover.sticky': true,
    'editor.inlineSuggest.enabled': false,
};

const DEFAULT_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);

// ---------------------------------------------------------------------------------------------
// small utilities

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const DEBUG = process.env.E2E_DEBUG === '1';
const T0 = Date.now();
/** With E2E_DEBUG=1, prints a timestamped step to stderr. */
export function debug(...args) {
    if (DEBUG) console.error(`[e2e +${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...args);
}

/** Like sleep, but does not keep the process alive (for Promise.race deadlines). */
const deadline = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

function describe(value) {
    if (value === undefined) return 'undefined';
    try {
        const s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
        return s.length > 400 ? `${s.slice(0, 400)}…` : s;
    } catch {
        return String(value);
    }
}

/**
 * Calls `fn` every `intervalMs` until `until(value)` holds (default: value is truthy), then returns the value.
 * Throws `Timed out after N ms waiting for <message>; last value: …; last error: …` at the deadline.
 */
export async function poll(fn, { timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = 200, message = 'condition', until = Boolean } = {}) {
    const deadline = Date.now() + timeoutMs;
    let last;
    let lastError;
    for (;;) {
        try {
            last = await fn();
            lastError = undefined;
            if (until(last)) return last;
        } catch (e) {
            lastError = e;
        }
        if (Date.now() >= deadline) {
            let msg = `Timed out after ${timeoutMs} ms waiting for ${message}; last value: ${describe(last)}`;
            if (lastError) msg += `; last error: ${lastError.message?.split('\n')[0] ?? lastError}`;
            throw new Error(msg);
        }
        await sleep(intervalMs);
    }
}

function requireFile(file, hint) {
    if (!fs.existsSync(file)) throw new Error(`${file} not found. ${hint}`);
}

export function assertToolsInstalled() {
    requireFile(CODE_SERVER_ENTRY, 'Install code-server with: bash scripts/install-code-server.sh');
    requireFile(CHROMIUM_PATH, 'Install Chromium with: bash scripts/install-code-server.sh (apt-get install chromium)');
}

function safeName(name) {
    return String(name)
        .replace(/[^\w.-]+/g, '-')
        .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// process bookkeeping: whatever we start is killed at teardown, on failure, and on exit/signals

const live = new Set(); // { name, killSync() }

function killSyncAll() {
    for (const entry of live) {
        try {
            entry.killSync();
        } catch {
            /* already gone */
        }
    }
    live.clear();
}

let exitHooksInstalled = false;
function installExitHooks() {
    if (exitHooksInstalled) return;
    exitHooksInstalled = true;
    process.on('exit', killSyncAll);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
        process.once(signal, () => {
            killSyncAll();
            process.exit(128 + (os.constants.signals[signal] ?? 1));
        });
    }
}

/** pids whose command line contains `needle` (Linux /proc scan), excluding this process. */
function pidsWithArg(needle) {
    const pids = [];
    for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
        try {
            const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
            if (cmdline.includes(needle)) pids.push(Number(entry));
        } catch {
            /* raced with exit */
        }
    }
    return pids;
}

// ---------------------------------------------------------------------------------------------
// (a) temp dirs and user settings

/**
 * Creates a fresh temp tree: { root, userDataDir, extensionsDir, xdgConfigHome, xdgDataHome, xdgCacheHome, browserProfile, logDir }.
 */
export async function makeTempDirs(prefix = 'arcdsl-e2e-') {
    const root = await fsp.mkdtemp(path.join(os.tmpdir(), prefix));
    const dirs = {
        root,
        userDataDir: path.join(root, 'user-data'),
        extensionsDir: path.join(root, 'extensions'),
        xdgConfigHome: path.join(root, 'xdg-config'),
        xdgDataHome: path.join(root, 'xdg-data'),
        xdgCacheHome: path.join(root, 'xdg-cache'),
        browserProfile: path.join(root, 'chromium-profile'),
        logDir: path.join(root, 'logs'),
    };
    for (const [key, dir] of Object.entries(dirs)) if (key !== 'root') await fsp.mkdir(dir, { recursive: true });
    return dirs;
}

/** Writes `<userDataDir>/User/settings.json` = DEFAULT_SETTINGS + extra. Returns the file path. */
export async function writeUserSettings(userDataDir, extra = {}) {
    const file = path.join(userDataDir, 'User', 'settings.json');
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, `${JSON.stringify({ ...DEFAULT_SETTINGS, ...extra }, null, 4)}\n`);
    return file;
}

/** Environment for code-server: XDG dirs inside the temp tree so nothing lands in ~/.config. */
export function codeServerEnv(dirs) {
    const env = { ...process.env };
    // Do not leak the test runner's own Node/VS Code flags into VS Code's processes.
    for (const key of ['NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'VSCODE_IPC_HOOK_CLI', 'ELECTRON_RUN_AS_NODE']) delete env[key];
    return {
        ...env,
        XDG_CONFIG_HOME: dirs.xdgConfigHome,
        XDG_DATA_HOME: dirs.xdgDataHome,
        XDG_CACHE_HOME: dirs.xdgCacheHome,
    };
}

function runCodeServerSync(dirs, args, { timeoutMs = 120_000 } = {}) {
    const res = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...args], {
        env: codeServerEnv(dirs),
        encoding: 'utf8',
        timeout: timeoutMs,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    return res;
}

// ---------------------------------------------------------------------------------------------
// (b) install a .vsix

/** `code-server --extensions-dir E --install-extension x.vsix`; returns { ms, output }. */
export async function installVsix(dirs, vsixPath, { timeoutMs = 120_000 } = {}) {
    assertToolsInstalled();
    const vsix = path.resolve(vsixPath);
    requireFile(vsix, 'Expected a .vsix file (build one with `npm run package:vsix`).');
    const t0 = Date.now();
    const res = runCodeServerSync(
        dirs,
        ['--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix, '--force'],
        { timeoutMs },
    );
    const output = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
    if (res.error) throw new Error(`Installing ${vsix} failed: ${res.error.message}\n${output}`);
    if (res.status !== 0 || /Failed Installing/i.test(output)) {
        throw new Error(`Installing ${vsix} failed (exit ${res.status}):\n${output}`);
    }
    if (!/successfully installed/i.test(output)) throw new Error(`Installing ${vsix}: no success message:\n${output}`);
    return { ms: Date.now() - t0, output };
}

/** Extension ids (publisher.name@version) installed in dirs.extensionsDir. */
export function listExtensions(dirs) {
    const res = runCodeServerSync(dirs, ['--extensions-dir', dirs.extensionsDir, '--list-extensions', '--show-versions']);
    return (res.stdout ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}

// ---------------------------------------------------------------------------------------------
// (c) code-server

/** A free TCP port on 127.0.0.1. */
export function getFreePort() {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}

function httpGet(url, timeoutMs = 2000) {
    return new Promise((resolve, reject) => {
        const req = http.get(url, { timeout: timeoutMs }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c) => {
                if (body.length < 100_000) body += c;
            });
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
    });
}

/**
 * Starts code-server on a free loopback port for `folder` and waits until it serves.
 * Returns { url, port, pid, folder, logFile, logs(), stop() }.
 */
export async function startCodeServer({ dirs, folder, port, timeoutMs = 60_000, extraArgs = [] }) {
    assertToolsInstalled();
    installExitHooks();
    const absFolder = path.resolve(folder);
    if (!fs.existsSync(absFolder)) throw new Error(`Workspace folder ${absFolder} does not exist`);
    const chosenPort = port ?? (await getFreePort());
    const args = [
        CODE_SERVER_ENTRY,
        '--bind-addr',
        `127.0.0.1:${chosenPort}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--user-data-dir',
        dirs.userDataDir,
        '--extensions-dir',
        dirs.extensionsDir,
        '--config',
        path.join(dirs.xdgConfigHome, 'code-server', 'config.yaml'),
        ...extraArgs,
        absFolder,
    ];
    const logFile = path.join(dirs.logDir, 'code-server.log');
    const logStream = fs.createWriteStream(logFile);
    let tail = '';
    const onData = (chunk) => {
        logStream.write(chunk);
        tail = (tail + chunk.toString()).slice(-20_000);
    };
    // detached: own process group, so teardown can kill code-server and every helper it forked.
    const child = spawn(process.execPath, args, {
        cwd: absFolder,
        env: codeServerEnv(dirs),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let exited = null;
    const exitPromise = new Promise((resolve) => {
        child.on('exit', (code, signal) => {
            exited = { code, signal };
            resolve(exited);
        });
    });
    const entry = {
        name: `code-server:${child.pid}`,
        killSync: () => {
            try {
                process.kill(-child.pid, 'SIGKILL');
            } catch {
                /* gone */
            }
        },
    };
    live.add(entry);

    const url = `http://127.0.0.1:${chosenPort}/?folder=${encodeURIComponent(absFolder)}`;
    const server = {
        url,
        port: chosenPort,
        pid: child.pid,
        folder: absFolder,
        logFile,
        logs: () => tail,
        async stop() {
            if (!live.has(entry)) return;
            live.delete(entry);
            if (exited === null) {
                try {
                    process.kill(-child.pid, 'SIGTERM');
                } catch {
                    /* gone */
                }
                const done = await Promise.race([exitPromise, deadline(5000).then(() => null)]);
                if (done === null) entry.killSync();
            }
            // Stray helpers in the group (extension host, pty host) that ignored SIGTERM.
            entry.killSync();
            await new Promise((resolve) => logStream.end(resolve));
        },
    };

    try {
        await poll(
            async () => {
                if (exited) {
                    throw Object.assign(new Error(`code-server exited early (${describe(exited)}):\n${tail}`), { fatal: true });
                }
                const res = await httpGet(`http://127.0.0.1:${chosenPort}/healthz`);
                return res.status === 200;
            },
            { timeoutMs, intervalMs: 150, message: `code-server to serve on 127.0.0.1:${chosenPort}` },
        ).catch((e) => {
            throw new Error(`${e.message}\n--- code-server output ---\n${tail}`);
        });
    } catch (e) {
        await server.stop();
        throw e;
    }
    return server;
}

// ---------------------------------------------------------------------------------------------
// (d) Chromium

/** launchPersistentContext on Debian's Chromium with a fresh profile. Returns { context, page, close() }. */
export async function launchBrowser({ profileDir, viewport = { width: 1400, height: 900 }, timeoutMs = 60_000 } = {}) {
    assertToolsInstalled();
    installExitHooks();
    const profile = profileDir ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'arcdsl-e2e-chromium-')));
    const entry = {
        name: `chromium:${profile}`,
        killSync: () => {
            for (const pid of pidsWithArg(profile)) {
                try {
                    process.kill(pid, 'SIGKILL');
                } catch {
                    /* gone */
                }
            }
        },
    };
    live.add(entry);
    let context;
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM_PATH,
            headless: true,
            args: CHROMIUM_ARGS,
            viewport,
            timeout: timeoutMs,
        });
    } catch (e) {
        entry.killSync();
        live.delete(entry);
        throw new Error(`Launching ${CHROMIUM_PATH} failed: ${e.message}`);
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors = [];
    page.on('console', (msg) => {
        if (msg.type() === 'error' && consoleErrors.length < 200) consoleErrors.push(`${msg.text()} (${msg.location()?.url ?? '?'})`);
    });
    page.on('pageerror', (err) => {
        if (consoleErrors.length < 200) consoleErrors.push(`pageerror: ${err.message}`);
    });
    return {
        context,
        page,
        profile,
        consoleErrors,
        async close() {
            if (!live.has(entry)) return;
            live.delete(entry);
            await Promise.race([context.close().catch(() => {}), deadline(10_000)]);
            entry.killSync();
            const left = await poll(() => pidsWithArg(profile).length === 0, {
                timeoutMs: 5000,
                message: 'Chromium processes to exit',
            }).catch(() => false);
            if (!left) entry.killSync();
        },
    };
}

// ---------------------------------------------------------------------------------------------
// (e) workbench helpers

/** Waits until the workbench (status bar, and the Explorer when a folder is open) is on screen. */
export async function waitForWorkbench(page, { timeoutMs = 60_000, explorer = true } = {}) {
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
    if (explorer) {
        await poll(async () => (await page.locator('.explorer-folders-view .monaco-list-row').count()) > 0, {
            timeoutMs,
            message: 'the Explorer to list the workspace folder',
        });
    }
    // The workbench restores/creates views after first paint; wait for it to settle.
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Makes the Explorer view visible (Ctrl+Shift+E) if it is not. */
export async function showExplorer(page, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    const view = page.locator('.explorer-folders-view');
    if (await view.isVisible()) return;
    await page.keyboard.press('Control+Shift+E');
    await view.waitFor({ state: 'visible', timeout: timeoutMs });
}

function explorerRow(page, name) {
    return page
        .locator('.explorer-folders-view .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) })
        .first();
}

function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Visible Explorer rows' names (what a person sees in the tree). */
export async function explorerItems(page) {
    return page.locator('.explorer-folders-view .monaco-list-row .label-name').allInnerTexts();
}

/**
 * Opens `relPath` (e.g. 'good.arcdsl' or 'sub/dir/x.arcdsl') by clicking in the Explorer tree,
 * expanding folders on the way, and waits until its editor is active.
 */
export async function openFileFromExplorer(page, relPath, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    await showExplorer(page, { timeoutMs });
    const parts = relPath.split('/').filter(Boolean);
    debug(`openFileFromExplorer ${relPath}`);
    for (let i = 0; i < parts.length; i++) {
        const row = explorerRow(page, parts[i]);
        try {
            await row.waitFor({ state: 'visible', timeout: timeoutMs });
        } catch {
            throw new Error(`Explorer has no item "${parts[i]}" (opening ${relPath}); visible: ${describe(await explorerItems(page))}`);
        }
        const isFolder = i < parts.length - 1;
        debug(`  explorer row "${parts[i]}" visible`);
        if (isFolder) {
            if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
            await poll(async () => (await row.getAttribute('aria-expanded')) === 'true', {
                timeoutMs,
                message: `Explorer folder "${parts[i]}" to expand`,
            });
        } else {
            await row.click();
        }
    }
    const name = parts[parts.length - 1];
    debug(`  clicked ${name}; waiting for its editor`);
    await poll(async () => (await activeEditorTitle(page)) === name, { timeoutMs, message: `the editor for ${relPath} to become active` });
    await page
        .locator('.editor-group-container.active .monaco-editor .view-lines')
        .first()
        .waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Title of the active editor tab (file name), or null. */
export async function activeEditorTitle(page) {
    const tab = page.locator('.editor-group-container.active .tabs-container .tab.active .label-name').first();
    if (await tab.count()) return ((await tab.textContent()) ?? '').trim();
    return null;
}

/** Titles of all open editor tabs. */
export async function tabTitles(page) {
    return (await page.locator('.tabs-container .tab .label-name').allInnerTexts()).map((t) => t.trim());
}

/** Waits until a tab whose title contains `title` exists. */
export async function waitForTab(page, title, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    return poll(async () => (await tabTitles(page)).find((t) => t.includes(title)), {
        timeoutMs,
        message: `an editor tab titled "${title}"`,
    });
}

async function quickInputRows(page) {
    return page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((rows) =>
        rows.map((r) => {
            const label = r.querySelector('.label-name')?.textContent ?? '';
            const desc = r.querySelector('.label-description')?.textContent ?? '';
            return { label: label.trim(), description: desc.trim(), aria: r.getAttribute('aria-label') ?? '' };
        }),
    );
}

/**
 * Runs a command by its title through the command palette (F1), as a person would:
 * opens the palette, types the title, clicks the entry whose label equals `title`.
 */
export async function runCommand(page, title, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    const widget = page.locator('.quick-input-widget');
    if (await widget.isVisible()) await page.keyboard.press('Escape');
    debug(`runCommand ${title}`);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    try {
        await input.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
        await page.keyboard.press('Control+Shift+P');
        await input.waitFor({ state: 'visible', timeout: timeoutMs });
    }
    await input.fill(`>${title}`);
    const wanted = title.toLowerCase();
    let index;
    try {
        index = await poll(
            async () => {
                const rows = await quickInputRows(page);
                const i = rows.findIndex((r) => r.label.toLowerCase() === wanted);
                return i >= 0 ? i : undefined;
            },
            { timeoutMs, until: (i) => i !== undefined, message: `command "${title}" in the palette` },
        );
    } catch (e) {
        const seen = await quickInputRows(page).catch(() => []);
        await page.keyboard.press('Escape');
        throw new Error(`${e.message}; palette shows: ${describe(seen.map((r) => r.label))}`);
    }
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').nth(index).click();
    // The palette is gone once the widget hides, or once it shows the command's own prompt: VS Code reuses
    // the one quick input widget, so a command that asks something at once may never let it be seen hidden.
    const closed = await poll(
        async () =>
            !(await widget.isVisible()) ? 'hidden' : (await input.inputValue()) !== `>${title}` ? 'replaced by the command' : undefined,
        { timeoutMs, message: `the palette to close after choosing "${title}"` },
    );
    debug(`runCommand ${title}: palette ${closed}`);
}

/**
 * Replaces the open quick input's value with `value` (select-all + type, as Playwright's fill does) and waits
 * until it holds exactly that for `settleMs`, filling again if VS Code rewrote it meanwhile.
 */
export async function fillQuickInput(page, value, { timeoutMs = DEFAULT_TIMEOUT_MS, settleMs = 300 } = {}) {
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await poll(
        async () => {
            if ((await input.inputValue()) !== value) await input.fill(value);
            await sleep(settleMs);
            return input.inputValue();
        },
        { timeoutMs, until: (seen) => seen === value, message: `the quick input to read ${describe(value)}` },
    );
}

/** Texts of the visible status bar items, left to right. */
export async function readStatusBar(page) {
    const texts = await page
        .locator('.part.statusbar .statusbar-item')
        .evaluateAll((items) =>
            items.filter((el) => el.offsetParent !== null).map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()),
        );
    return texts.filter(Boolean);
}

/** One status bar item by its VS Code id (e.g. 'status.editor.mode'), or null. */
export async function statusBarItem(page, id) {
    const item = page.locator(`[id="${id}"]`).first();
    if (!(await item.count())) return null;
    return ((await item.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The language mode shown in the status bar ("Plain Text", "ARC DSL", ...), or null. */
export function getLanguageMode(page) {
    return statusBarItem(page, 'status.editor.mode');
}

/** Polls until the status bar's language mode equals `expected` (it reads "Plain Text" for a moment). */
export function waitForLanguageMode(page, expected, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    return poll(() => getLanguageMode(page), {
        timeoutMs,
        until: (mode) => mode === expected,
        message: `language mode "${expected}" in the status bar`,
    });
}

/** Errors and warnings from the status bar's problems item: { errors, warnings }. */
export async function getProblemCounts(page) {
    const item = page.locator('[id="status.problems"]').first();
    const label = (await item.getAttribute('aria-label')) ?? (await item.textContent()) ?? '';
    // aria-label reads e.g. "Errors: 2, Warnings: 1" or "No Problems".
    const num = (word) =>
        Number(label.match(new RegExp(`${word}s?:\\s*(\\d+)`, 'i'))?.[1] ?? label.match(new RegExp(`(\\d+)\\s*${word}`, 'i'))?.[1] ?? 0);
    return { errors: num('error'), warnings: num('warning'), label };
}

/** Number of squiggle decorations (`.squiggly-<severity>`) in the active editor's rendered lines. */
export function getSquiggleCount(page, severity = 'error') {
    return page.locator(`.editor-group-container.active .monaco-editor .squiggly-${severity}`).count();
}

/** Polls until at least `min` squiggles of `severity` are shown; returns the count. */
export function waitForSquiggles(page, { min = 1, severity = 'error', timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    return poll(() => getSquiggleCount(page, severity), {
        timeoutMs,
        until: (n) => n >= min,
        message: `at least ${min} "${severity}" squiggle(s) in the active editor`,
    });
}

/** Text of the active editor's rendered lines (visible part only). */
export async function getEditorText(page) {
    const lines = await page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').evaluateAll((els) =>
        els
            .map((el) => ({ top: Number.parseFloat(el.style.top) || 0, text: (el.textContent ?? '').replace(/\u00a0/g, ' ') }))
            .sort((a, b) => a.top - b.top)
            .map((l) => l.text),
    );
    return lines.join('\n');
}

/** Clicks into the active editor's text so the keyboard goes there. */
export async function focusEditor(page) {
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
}

/** Moves the cursor to the end of the document (Ctrl+End). */
export async function goToEnd(page) {
    await focusEditor(page);
    await page.keyboard.press('Control+End');
}

/** Types `text` at the cursor, key by key. Auto-closing brackets apply, as for a person. */
export async function typeText(page, text, { delayMs = 0 } = {}) {
    await page.keyboard.type(text, { delay: delayMs });
}

/** Inserts `text` at the cursor in one input event (no auto-closing, no per-key commands). */
export async function insertText(page, text) {
    await page.keyboard.insertText(text);
}

async function suggestRows(page) {
    return page.locator('.editor-widget.suggest-widget.visible .monaco-list-row').evaluateAll((rows) =>
        rows
            .map((r) => ({
                index: Number(r.getAttribute('data-index') ?? 0),
                label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
                detail: (r.querySelector('.details-label')?.textContent ?? '').trim(),
                focused: r.classList.contains('focused'),
                setSize: Number(r.getAttribute('aria-setsize') ?? 0),
            }))
            .sort((a, b) => a.index - b.index),
    );
}

/**
 * Opens the suggest widget at the cursor (Ctrl+Space) and returns the labels of its rendered rows
 * (the list is virtual: only ~12 rows are in the DOM; use `all: true` to page through everything).
 * Returns [] if VS Code says "No suggestions.".
 */
export async function triggerSuggest(page, { timeoutMs = DEFAULT_TIMEOUT_MS, all = false } = {}) {
    debug('triggerSuggest');
    await page.keyboard.press('Control+Space');
    const state = await poll(
        async () => {
            const widget = page.locator('.editor-widget.suggest-widget');
            if (!(await widget.count())) return undefined;
            const message = page.locator('.editor-widget.suggest-widget .message');
            if ((await message.isVisible().catch(() => false)) && /no suggestions/i.test((await message.textContent()) ?? ''))
                return 'empty';
            const rows = await suggestRows(page);
            return rows.length && rows.every((r) => r.label) ? 'rows' : undefined;
        },
        { timeoutMs, message: 'the suggest widget to show suggestions (Ctrl+Space)' },
    );
    if (state === 'empty') return [];
    if (!all) return (await suggestRows(page)).map((r) => r.label);
    return readAllSuggestions(page, { timeoutMs });
}

/** Pages through the open suggest widget (PageDown) and returns every label, in list order. */
export async function readAllSuggestions(page, { maxPages = 200 } = {}) {
    const labels = new Map();
    let unchanged = 0;
    for (let i = 0; i < maxPages && unchanged < 3; i++) {
        const rows = await suggestRows(page);
        const before = labels.size;
        for (const r of rows) labels.set(r.index, r.label);
        const total = Math.max(0, ...rows.map((r) => r.setSize));
        if (total && labels.size >= total) break;
        unchanged = labels.size === before ? unchanged + 1 : 0;
        await page.keyboard.press('PageDown');
        await sleep(50);
    }
    return [...labels.entries()].sort((a, b) => a[0] - b[0]).map(([, label]) => label);
}

/** Closes the suggest widget / hovers / palette (Escape). */
export async function dismiss(page) {
    await page.keyboard.press('Escape');
}

/**
 * Hovers the mouse over the first occurrence of `word` in the active editor's rendered text and returns
 * the hover's text (polls until the hover shows something other than "Loading...").
 */
export async function hoverText(page, word, { occurrence = 0, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    const box = await page
        .locator('.editor-group-container.active .monaco-editor .view-lines')
        .first()
        .evaluate(
            (root, { word, occurrence }) => {
                const lines = [...root.querySelectorAll('.view-line')].sort(
                    (a, b) => (Number.parseFloat(a.style.top) || 0) - (Number.parseFloat(b.style.top) || 0),
                );
                let seen = 0;
                for (const line of lines) {
                    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
                    let text = '';
                    const nodes = [];
                    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                        nodes.push({ node: n, start: text.length });
                        text += n.data;
                    }
                    const normalized = text.replace(/\u00a0/g, ' ');
                    const re = new RegExp(`(?<![\\w])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'g');
                    for (let m = re.exec(normalized); m; m = re.exec(normalized)) {
                        if (seen++ < occurrence) continue;
                        const at = (offset) => {
                            const hit = nodes.findLast((x) => x.start <= offset);
                            return [hit.node, Math.min(offset - hit.start, hit.node.data.length)];
                        };
                        const range = document.createRange();
                        range.setStart(...at(m.index));
                        range.setEnd(...at(m.index + word.length));
                        const r = range.getBoundingClientRect();
                        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
                    }
                }
                return null;
            },
            { word, occurrence },
        );
    if (!box) throw new Error(`hoverText: "${word}" is not in the rendered text of the active editor:\n${await getEditorText(page)}`);
    await page.mouse.move(box.x - 40, box.y + 40);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    return poll(
        async () => {
            const hovers = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
            const n = await hovers.count();
            for (let i = 0; i < n; i++) {
                const h = hovers.nth(i);
                if (!(await h.isVisible())) continue;
                // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, line breaks included, as a person reads it
                const text = (await h.innerText()).trim();
                if (text && !/^loading/i.test(text)) return text;
            }
            return undefined;
        },
        { timeoutMs, message: `a hover over "${word}"` },
    );
}

/**
 * Webviews are nested iframes: `iframe.webview` (host) → `#active-frame` (the extension's HTML).
 * Returns [{ frame, title, text, html }] for every webview whose content frame is loaded.
 */
export async function listWebviews(page) {
    const out = [];
    const hosts = await page.locator('iframe.webview').elementHandles();
    for (const host of hosts) {
        try {
            const hostFrame = await host.contentFrame();
            if (!hostFrame) continue;
            const inner = await hostFrame.$('#active-frame');
            const frame = inner && (await inner.contentFrame());
            if (!frame) continue;
            const info = await frame.evaluate(() => ({
                title: document.title,
                // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it
                text: document.body?.innerText ?? '',
                html: document.body?.innerHTML ?? '',
            }));
            out.push({ frame, ...info });
        } catch {
            /* frame navigating or detached; next poll will see it */
        }
    }
    return out;
}

/**
 * Polls for a webview whose content matches: `contains` (text in body), `selector` (an element inside),
 * or any non-empty body if neither is given. Returns { frame, title, text, html }.
 */
export async function findWebview(page, { contains, selector, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    let seen = [];
    try {
        return await poll(
            async () => {
                seen = await listWebviews(page);
                for (const w of seen) {
                    if (contains && !w.text.includes(contains)) continue;
                    if (selector && !(await w.frame.$(selector))) continue;
                    if (!contains && !selector && !w.html.trim()) continue;
                    return w;
                }
                return undefined;
            },
            { timeoutMs, message: `a webview${contains ? ` containing "${contains}"` : ''}${selector ? ` with "${selector}"` : ''}` },
        );
    } catch (e) {
        throw new Error(`${e.message}; webviews seen: ${describe(seen.map((w) => ({ title: w.title, text: w.text.slice(0, 200) })))}`);
    }
}

/** The open modal dialog's message (e.g. "Do you want to save the changes…"), or null. */
export async function dialogMessage(page) {
    const box = page.locator('.monaco-dialog-box');
    if (!(await box.isVisible().catch(() => false))) return null;
    return ((await box.locator('.dialog-message-text').first().textContent()) ?? '').trim();
}

/** Clicks the button labelled `label` ("Don't Save", "Cancel", …) in the modal dialog and waits for it to close. */
export async function clickDialogButton(page, label, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
    const box = page.locator('.monaco-dialog-box');
    await box.waitFor({ state: 'visible', timeout: timeoutMs });
    const buttons = box.locator('.dialog-buttons .monaco-button');
    const labels = (await buttons.allTextContents()).map((t) => t.trim());
    const i = labels.indexOf(label);
    if (i < 0) throw new Error(`Dialog has no button "${label}"; buttons: ${describe(labels)}`);
    await buttons.nth(i).click();
    await box.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Saves a PNG of the page to test-artifacts/e2e/<name>.png and returns its path. */
export async function screenshot(page, name) {
    await fsp.mkdir(ARTIFACTS_DIR, { recursive: true });
    const file = path.join(ARTIFACTS_DIR, `${safeName(name)}.png`);
    await page.screenshot({ path: file, timeout: 15_000 });
    return file;
}

/** Notifications currently shown (toasts), as text. */
export async function notifications(page) {
    return (await page.locator('.notification-toast .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
}

// ---------------------------------------------------------------------------------------------
// (f) a whole session with guaranteed teardown

/**
 * Fresh dirs + settings → install `vsix` (string or array) → code-server on `folder` → Chromium → workbench.
 * Returns { page, context, server, dirs, timings, name, dispose(), guard(label, fn) }.
 * dispose() always kills code-server and Chromium, copies logs to test-artifacts/e2e/, removes temp dirs
 * (set E2E_KEEP=1 to keep them).
 */
export async function startSession({ name = 'e2e', vsix, folder, settings = {}, viewport, timeoutMs = 90_000 } = {}) {
    assertToolsInstalled();
    installExitHooks();
    const timings = {};
    const t = async (key, fn) => {
        const t0 = Date.now();
        debug(`session ${name}: ${key.replace(/Ms$/, '')}…`);
        const v = await fn();
        timings[key] = Date.now() - t0;
        return v;
    };
    const dirs = await makeTempDirs();
    const session = { name, dirs, timings, server: null, browser: null, page: null, context: null };
    let disposed = false;
    session.dispose = async ({ failed = false } = {}) => {
        if (disposed) return;
        disposed = true;
        const t0 = Date.now();
        if (failed && session.page) await screenshot(session.page, `${name}-failure`).catch(() => {});
        await session.browser?.close().catch(() => {});
        await session.server?.stop().catch(() => {});
        await copyLogs(dirs, name).catch(() => {});
        if (process.env.E2E_KEEP !== '1') await fsp.rm(dirs.root, { recursive: true, force: true }).catch(() => {});
        timings.disposeMs = Date.now() - t0;
    };
    /** Runs fn(page); on failure saves test-artifacts/e2e/<name>-<label>-failure.png and rethrows. */
    session.guard = async (label, fn) => {
        try {
            return await fn(session.page);
        } catch (e) {
            const shot = await screenshot(session.page, `${name}-${label}-failure`).catch(() => null);
            if (shot) e.message += `\n(screenshot: ${path.relative(REPO_ROOT, shot)})`;
            throw e;
        }
    };
    try {
        await writeUserSettings(dirs.userDataDir, settings);
        const vsixes = vsix ? (Array.isArray(vsix) ? vsix : [vsix]) : [];
        await t('installMs', async () => {
            for (const v of vsixes) await installVsix(dirs, v);
        });
        session.server = await t('serverStartMs', () => startCodeServer({ dirs, folder, timeoutMs }));
        session.browser = await t('browserLaunchMs', () => launchBrowser({ profileDir: dirs.browserProfile, viewport, timeoutMs }));
        session.page = session.browser.page;
        session.context = session.browser.context;
        await t('pageLoadMs', () => session.page.goto(session.server.url, { waitUntil: 'domcontentloaded', timeout: timeoutMs }));
        await t('workbenchMs', () => waitForWorkbench(session.page, { timeoutMs }));
    } catch (e) {
        await session.dispose({ failed: true });
        throw e;
    }
    return session;
}

/** startSession + fn(session) + dispose, with a failure screenshot. */
export async function withSession(options, fn) {
    const session = await startSession(options);
    let failed = true;
    try {
        const result = await fn(session);
        failed = false;
        return result;
    } finally {
        await session.dispose({ failed });
    }
}

async function copyLogs(dirs, name) {
    const dest = path.join(ARTIFACTS_DIR, `${safeName(name)}-logs`);
    await fsp.rm(dest, { recursive: true, force: true });
    await fsp.mkdir(dest, { recursive: true });
    await fsp.cp(dirs.logDir, dest, { recursive: true });
    // VS Code's own logs (extension host, language server output channels).
    const vscodeLogs = path.join(dirs.userDataDir, 'logs');
    if (fs.existsSync(vscodeLogs)) await fsp.cp(vscodeLogs, path.join(dest, 'vscode'), { recursive: true });
}
