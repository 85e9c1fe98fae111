import path from 'node:path';

export const clientDir = path.resolve(__dirname, '..');
export const repoRoot = path.resolve(clientDir, '..');
export const screenshotDir = path.join(repoRoot, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
