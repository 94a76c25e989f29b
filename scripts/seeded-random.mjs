/**
 * mulberry32: a small, fast, seeded pseudo-random generator returning floats in [0, 1). Property
 * loops in tests and the benchmark's synthetic text use it so every run sees the same data.
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
