/**
 * Entry module of the JavaScript worker threads (src/core/task-pool.ts): it
 * registers every task the library runs in parallel. Built to
 * dist/task-worker.{js,cjs} next to the bundles (tsup.config.ts).
 */
import { serveTasks } from './core/task-worker-loop.js';
import { cleanPostingTask, cleanTask, descriptionLengthTask } from './data/clean-task.js';
import { duplicateSignatureTask } from './data/duplicate-signatures.js';
import { templateBlockTask } from './data/template-task.js';
import { tokenizeTask } from './tokenize/tokenize-task.js';
import { salaryTask } from './validate/salary/salary-task.js';
import { mapLayoutTask } from './pipeline/document-map.js';

serveTasks([
  cleanTask,
  cleanPostingTask,
  descriptionLengthTask,
  duplicateSignatureTask,
  templateBlockTask,
  tokenizeTask,
  salaryTask,
  mapLayoutTask,
]);
