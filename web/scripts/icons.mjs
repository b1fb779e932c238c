// Makes the PWA's PNG icons from favicon.svg (the manifest and iOS need bitmaps). The PNGs are
// committed; run again after changing the logo: node web/scripts/icons.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// sharp is the server's dependency; the web package borrows it for this one-off.
const sharp = createRequire(fileURLToPath(new URL('../../server/package.json', import.meta.url)))('sharp');
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const svg = readFileSync(`${publicDir}favicon.svg`);
const BLUE = '#1864ab';

const render = (size) => sharp(svg, { density: Math.ceil((72 * size) / 32) }).resize(size, size);

for (const size of [192, 512]) await render(size).png().toFile(`${publicDir}icons/icon-${size}.png`);
// Maskable: the platform crops to its own shape, so the logo sits inside the 80% safe zone on a full bleed.
for (const size of [512]) {
  const inner = Math.round(size * 0.7);
  await sharp({ create: { width: size, height: size, channels: 4, background: BLUE } })
    .composite([{ input: await render(inner).png().toBuffer(), gravity: 'center' }])
    .png()
    .toFile(`${publicDir}icons/maskable-${size}.png`);
}
// iOS draws its own rounded corners over an opaque square.
await sharp({ create: { width: 180, height: 180, channels: 4, background: BLUE } })
  .composite([{ input: await render(180).png().toBuffer() }])
  .flatten({ background: BLUE })
  .png()
  .toFile(`${publicDir}icons/apple-touch-icon.png`);
// The small monochrome badge Android shows in the status bar: white on transparent.
await sharp(Buffer.from(svg.toString().replace('fill="#1864ab"', 'fill="none"')), { density: 216 })
  .resize(96, 96)
  .png()
  .toFile(`${publicDir}icons/badge-96.png`);
console.log('icons written to web/public/icons/');
