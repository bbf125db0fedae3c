// Langium 4 and chevrotain call Object.groupBy, which Node 20 (and VS Code 1.100's extension host) lacks.
// Imported first by every entry point; the bundles also carry it as a banner.
const objectCtor = Object as unknown as { groupBy?: unknown };
if (typeof objectCtor.groupBy !== 'function') {
    objectCtor.groupBy = <T>(items: Iterable<T>, keyOf: (item: T, index: number) => PropertyKey) => {
        const groups: Record<PropertyKey, T[]> = Object.create(null);
        let index = 0;
        for (const item of items) {
            const key = keyOf(item, index++);
            if (!groups[key]) groups[key] = [];
            groups[key].push(item);
        }
        return groups;
    };
}
const mapCtor = Map as unknown as { groupBy?: unknown };
if (typeof mapCtor.groupBy !== 'function') {
    mapCtor.groupBy = <T>(items: Iterable<T>, keyOf: (item: T, index: number) => unknown) => {
        const groups = new Map<unknown, T[]>();
        let index = 0;
        for (const item of items) {
            const key = keyOf(item, index++);
            const group = groups.get(key);
            if (group) group.push(item);
            else groups.set(key, [item]);
        }
        return groups;
    };
}

export {};
