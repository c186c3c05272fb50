#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in the built package (dist/cli.cjs).
require('../dist/cli.cjs')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err && err.message ? err.message : err);
      process.exitCode = 1;
    },
  );
