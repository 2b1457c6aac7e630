/**
 * Seedance takes `ratio` + `resolution`, not pixels. Our `size` (WxH) maps onto that pair:
 * the common sizes (1280x720, 1920x1080, …) plus the exact pixel sizes Ark documents for
 * its output (e.g. 1248x704 for 16:9 720p, 1920x1088 for 16:9 1080p).
 */

export const ARK_RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9', 'adaptive'] as const;
export const ARK_RESOLUTIONS = ['480p', '720p', '1080p'] as const;

export interface RatioAndResolution {
  ratio: string;
  resolution: string;
}

/** Landscape sizes per resolution and ratio; the first of each list is the one we advertise. */
const LANDSCAPE: Record<string, Record<string, string[]>> = {
  '480p': {
    '16:9': ['854x480', '864x480', '864x496', '832x480'],
    '4:3': ['640x480', '736x544', '752x560'],
    '1:1': ['480x480', '640x640', '624x624'],
    '21:9': ['1120x480', '960x416', '992x432'],
  },
  '720p': {
    '16:9': ['1280x720', '1248x704'],
    '4:3': ['960x720', '1120x832', '1112x834'],
    '1:1': ['960x960', '720x720'],
    '21:9': ['1680x720', '1504x640', '1470x630'],
  },
  '1080p': {
    '16:9': ['1920x1080', '1920x1088'],
    '4:3': ['1440x1080', '1664x1248'],
    '1:1': ['1440x1440', '1080x1080'],
    '21:9': ['2520x1080', '2176x928', '2206x946'],
  },
};

/** Portrait ratios are the landscape ones turned on their side; 21:9 has no portrait twin. */
const PORTRAIT: Record<string, string> = { '16:9': '9:16', '4:3': '3:4' };

const SIZE_TABLE = buildSizeTable();

function buildSizeTable(): Map<string, RatioAndResolution & { advertised: boolean }> {
  const table = new Map<string, RatioAndResolution & { advertised: boolean }>();
  for (const [resolution, ratios] of Object.entries(LANDSCAPE)) {
    for (const [ratio, sizes] of Object.entries(ratios)) {
      sizes.forEach((size, index) => {
        table.set(size, { ratio, resolution, advertised: index === 0 });
        const portrait = PORTRAIT[ratio];
        const [width, height] = size.split('x');
        if (portrait) table.set(`${height}x${width}`, { ratio: portrait, resolution, advertised: index === 0 });
      });
    }
  }
  return table;
}

/** `1280x720` → `{ratio: '16:9', resolution: '720p'}`; undefined for a size Seedance cannot render. */
export function ratioAndResolutionForSize(size: string): RatioAndResolution | undefined {
  const entry = SIZE_TABLE.get(size.trim().toLowerCase().replace(/\s+/g, ''));
  return entry ? { ratio: entry.ratio, resolution: entry.resolution } : undefined;
}

/** The sizes an error message lists, limited to the given resolutions. */
export function advertisedSizes(resolutions: readonly string[]): string[] {
  return [...SIZE_TABLE.entries()]
    .filter(([, entry]) => entry.advertised && resolutions.includes(entry.resolution))
    .map(([size]) => size);
}
