import { Grid, gridProblem } from '../language/grid.js';
import { UsageError } from './command.js';
import { readJsonFile } from './read-json.js';

/** A grid from a JSON file holding a list of rows; a bad grid is a UsageError naming the file and place. */
export function readGridFile(path: string): Grid {
    const rows = readJsonFile(path);
    const problem = gridProblem(rows, path);
    if (problem) throw new UsageError(problem);
    return Grid.fromRows(rows as number[][]);
}
