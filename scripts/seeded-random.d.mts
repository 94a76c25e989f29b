/** A seeded pseudo-random generator of floats in [0, 1). */
export declare function seededRandom(seed: number): () => number;
