// `node --import <this file> entry.ts`: registers ts-hooks.mjs for the process.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
