/** The ARC palette: colour names by number, and the usual display colours. */
export const COLOR_NAMES = ['black', 'blue', 'red', 'green', 'yellow', 'grey', 'magenta', 'orange', 'azure', 'maroon'] as const;

export const COLOR_HEX = [
    '#000000',
    '#0074D9',
    '#FF4136',
    '#2ECC40',
    '#FFDC00',
    '#AAAAAA',
    '#F012BE',
    '#FF851B',
    '#7FDBFF',
    '#870C25',
] as const;

export function colorNumber(name: string): number {
    return name === 'gray' ? 5 : COLOR_NAMES.indexOf(name as (typeof COLOR_NAMES)[number]);
}

export const FAMILIES = [
    'Connect',
    'MoveShape',
    'RotateShape',
    'CreateShape',
    'FloodFill',
    'MirrorShape',
    'SymmetryComplete',
    'ExtractPattern',
] as const;

export type Family = (typeof FAMILIES)[number];
