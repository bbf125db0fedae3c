/** A dataset build that cannot go on: bad input, an output in the way, a failed write. One line, no stack. */
export class DatasetBuildError extends Error {}
