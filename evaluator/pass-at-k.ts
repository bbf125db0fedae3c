/**
 * The unbiased pass@k estimator (Chen et al. 2021): the probability that at least one of k samples,
 * drawn without replacement from n samples of which c are correct, is correct — 1 − C(n−c, k)/C(n, k),
 * computed in the numerically stable product form.
 */
export function passAtK(n: number, c: number, k: number): number {
    if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || n < 0 || c < 0 || c > n || k < 1) {
        throw new RangeError(`pass@k needs integers 0 ≤ c ≤ n and k ≥ 1 (got n=${n}, c=${c}, k=${k})`);
    }
    if (k > n) throw new RangeError(`pass@${k} needs at least ${k} samples, not ${n}`);
    if (n - c < k) return 1;
    let allWrong = 1;
    for (let i = n - c + 1; i <= n; i++) allWrong *= 1 - k / i;
    return 1 - allWrong;
}
