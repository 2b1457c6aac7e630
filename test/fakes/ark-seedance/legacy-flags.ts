/** Settings written the legacy way, as text commands after the prompt. */
export interface LegacyFlags {
  resolution?: string;
  ratio?: string;
  duration?: number;
  seed?: number;
  cameraFixed?: boolean;
  watermark?: boolean;
}

const FLAG = /--(resolution|rs|ratio|rt|duration|dur|seed|camerafixed|cf|watermark|wm)\s+(\S+)/gi;

/**
 * `--rs 720p --rt 16:9 --dur 5 --seed 11 --cf false --wm true` (providers.md §4). Ark
 * validates these weakly; a value the fake cannot read is ignored, as a default would be.
 */
export function readLegacyFlags(text: string): LegacyFlags {
  const flags: LegacyFlags = {};
  for (const [, name = '', value = ''] of text.matchAll(FLAG)) {
    switch (name.toLowerCase()) {
      case 'resolution':
      case 'rs':
        flags.resolution = value.toLowerCase();
        break;
      case 'ratio':
      case 'rt':
        flags.ratio = value;
        break;
      case 'duration':
      case 'dur':
        if (/^-?\d+$/.test(value)) flags.duration = Number(value);
        break;
      case 'seed':
        if (/^-?\d+$/.test(value)) flags.seed = Number(value);
        break;
      case 'camerafixed':
      case 'cf':
        if (/^(true|false)$/i.test(value)) flags.cameraFixed = value.toLowerCase() === 'true';
        break;
      case 'watermark':
      case 'wm':
        if (/^(true|false)$/i.test(value)) flags.watermark = value.toLowerCase() === 'true';
        break;
    }
  }
  return flags;
}
