/**
 * Word2Vec vocabulary: words with at least `minCount` occurrences, sorted by
 * descending count (ties: first occurrence first), as gensim orders them.
 */
export interface Vocabulary {
  /** Words by id (most frequent first). */
  readonly words: readonly string[];
  /** Corpus count of each word, by id. */
  readonly counts: Int32Array;
  readonly index: ReadonlyMap<string, number>;
  /** Tokens in the corpus (all, before minCount). */
  readonly totalTokens: number;
  /** Tokens whose word reached minCount (the words training sees). */
  readonly retainedTokens: number;
  /** Distinct words dropped by minCount. */
  readonly droppedWords: number;
}

export function buildVocabulary(sentences: readonly (readonly string[])[], minCount: number): Vocabulary {
  const counts = new Map<string, number>();
  let totalTokens = 0;
  for (const sentence of sentences) {
    totalTokens += sentence.length;
    for (const w of sentence) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  // Map iteration is insertion order, so a stable sort keeps first-occurrence order on ties.
  const kept = [...counts].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1]);
  const words = kept.map(([w]) => w);
  const countArray = Int32Array.from(kept, ([, c]) => c);
  let retainedTokens = 0;
  for (const c of countArray) retainedTokens += c;
  return {
    words,
    counts: countArray,
    index: new Map(words.map((w, i) => [w, i])),
    totalTokens,
    retainedTokens,
    droppedWords: counts.size - words.length,
  };
}
