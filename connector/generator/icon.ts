import { encodePng } from './png';

/**
 * The connector icon: the brand colour with two white arrows (one each way), the sync motif.
 * Power Platform wants a square PNG of 100-230 px on the brand colour.
 */
export function connectorIcon(brandColor: string, size = 160): Buffer {
  const bg = hexToRgb(brandColor);
  const white: [number, number, number] = [255, 255, 255];
  const u = size / 16; // grid unit
  const inArrow = (x: number, y: number, row: number, pointsRight: boolean): boolean => {
    const cy = row * u;
    const shaftTop = cy - 0.5 * u;
    const shaftBottom = cy + 0.5 * u;
    const left = 3 * u;
    const right = 13 * u;
    const headLen = 3 * u;
    const tip = pointsRight ? right : left;
    const headBase = pointsRight ? right - headLen : left + headLen;
    const inShaft =
      y >= shaftTop && y < shaftBottom && (pointsRight ? x >= left && x < headBase : x >= headBase && x < right);
    const along = pointsRight ? tip - x : x - tip; // distance back from the tip
    const inHead = along >= 0 && along <= headLen && Math.abs(y - cy) <= along * 0.75;
    return inShaft || inHead;
  };
  return encodePng(size, size, (x, y) =>
    inArrow(x + 0.5, y + 0.5, 6, true) || inArrow(x + 0.5, y + 0.5, 10, false) ? white : bg,
  );
}

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Brand colour must be #rrggbb, got ${hex}.`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
