#!/usr/bin/env node
// Entry of the `silo` command: loads the TypeScript sources through tsx, so there is no build step.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
