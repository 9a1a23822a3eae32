#!/usr/bin/env node
// Entry point of the `gongkai` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
