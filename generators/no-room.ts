/**
 * What a failed write means when the output does not fit where it goes (a full disk, a used-up quota,
 * a file-size limit), in words for the user; undefined for any other failure.
 */
export function noRoomReason(error: unknown): string | undefined {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return code === undefined ? undefined : NO_ROOM[code];
}

const NO_ROOM: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EFBIG: 'a file would be larger than allowed (a file-size limit, or the file system’s)',
};
