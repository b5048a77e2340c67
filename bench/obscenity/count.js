// Counts the lines of a file that the npm package "obscenity" (English preset,
// recommended transformers) finds profane: what many moderation tools use today.
// Usage: node count.js FILE
'use strict';
const fs = require('fs');
const readline = require('readline');
const { RegExpMatcher, englishDataset, englishRecommendedTransformers } = require('obscenity');

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const lines = readline.createInterface({ input: fs.createReadStream(process.argv[2]), crlfDelay: Infinity });
let total = 0;
let flagged = 0;
lines.on('line', (line) => {
  total += 1;
  if (matcher.hasMatch(line)) flagged += 1;
});
lines.on('close', () => console.log(`${flagged} of ${total} lines flagged`));
