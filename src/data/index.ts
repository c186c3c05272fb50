/**
 * Data layer: the JobPosting record, loading, cleaning and duplicate detection.
 */
export type { JobPosting, RawValue } from './job-posting.js';
export { DEFAULT_FIELD_ALIASES, JOB_FIELDS, type FieldMapping, type JobField, type RejectReason } from './fields.js';
export {
  JobStream,
  loadJobs,
  streamJobs,
  type JobSource,
  type LoadJobsOptions,
  type LoadJobsResult,
  type LoadStats,
  type SkippedRecord,
  type SkippedReport,
} from './load.js';
export type { JobFormat } from './source.js';
export { BOILERPLATE_HEADERS, cleanText, createCleaner, type CleanTextOptions } from './clean.js';
export { cleanPostingsAsync, cleanTextsAsync, descriptionLengthsAsync } from './clean-task.js';
export { findDuplicatesAsync } from './duplicate-signatures.js';
export { findTemplatesAsync } from './template-task.js';
export * from './synthetic/index.js';
export {
  dedupeJobs,
  duplicateKey,
  findDuplicates,
  removeDuplicates,
  type DedupeResult,
  type DuplicatePostingGroup,
  type DuplicateReport,
  type FindDuplicatesOptions,
} from './duplicates.js';
export { readVectors, parseVectors, type ReadVectorsOptions } from './vectors.js';
export { parseExperience, experienceBand, EXPERIENCE_BANDS, type ExperienceBand, type ExperienceRange } from './experience.js';
export { normalizeEducation, EDUCATION_LEVELS } from './education.js';
export { salaryMidpoint, annualSalary, salaryBand, SALARY_BANDS, type SalaryBand } from './salary.js';
export { isoDate, usableDate } from './dates.js';
export { normalizeCity } from './city.js';
export { normalizeCompany, COMPANY_GENERIC_SUFFIXES } from './company.js';
export { isTitleOnly, descriptionLength, TITLE_ONLY_MAX_DESCRIPTION_CHARS } from './title-only.js';
export { FACETS, FACET_IDS, facetById, type Facet, type FacetId } from './facets.js';
export {
  findTemplates,
  templateTitle,
  descriptionLayout,
  type FindTemplatesOptions,
  type TemplateGroup,
  type TemplateReport,
} from './templates.js';
export { dataQuality, MISSING_FACET_VALUE, type DataQualityOptions, type DataQualityRow } from './quality.js';
