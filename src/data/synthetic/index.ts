/**
 * Synthetic demo corpus: realistic Chinese job postings with ground truth
 * (archetype per posting, planted platform bias, duplicate groups).
 */
export { generateJobs } from './generate.js';
export type { BiasSpec, DuplicateGroup, GenerateJobsOptions, PlantedBias, SyntheticCorpus } from './generate.js';
export { ARCHETYPES, archetypeByKey } from './archetypes.js';
export type { Archetype } from './archetypes.js';
export { PLATFORM_STYLES, SYNTHETIC_PLATFORMS } from './platform-styles.js';
export type { PlatformStyle, PostingContent } from './platform-styles.js';
export type { PlantOptions, PlantTruth } from './plants.js';
export { writeSyntheticJobs, SYNTHETIC_CHUNK, type WriteSyntheticJobsOptions, type WriteSyntheticJobsResult } from './write.js';
