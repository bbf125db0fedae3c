import type { Family, FamilyName } from '../family.js';
import { connect } from './connect.js';
import { createShape } from './create-shape.js';
import { extractPattern } from './extract-pattern.js';
import { floodFill } from './flood-fill.js';
import { mirrorShape } from './mirror-shape.js';
import { moveShape } from './move-shape.js';
import { rotateShape } from './rotate-shape.js';
import { symmetryComplete } from './symmetry-complete.js';

/** Every family's generator, by name. */
export const FAMILY_GENERATORS: Record<FamilyName, Family> = {
    Connect: connect,
    MoveShape: moveShape,
    RotateShape: rotateShape,
    CreateShape: createShape,
    FloodFill: floodFill,
    MirrorShape: mirrorShape,
    SymmetryComplete: symmetryComplete,
    ExtractPattern: extractPattern,
};
