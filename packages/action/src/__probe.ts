import * as core from "@actions/core";
import { getOctokit, context } from "@actions/github";
core.info(`hello ${context.eventName} ${typeof getOctokit}`);
