/**
 * The built-in catalogue: every `registry/<id>.json` imported statically so `deno compile` embeds
 * them. A test fails when a file in registry/ is missing here. Add a server: drop the file in
 * registry/ and add one import and one row below.
 */
import braveSearch from "../../registry/brave-search.json" with { type: "json" };
import cloudflareDocs from "../../registry/cloudflare-docs.json" with { type: "json" };
import context7 from "../../registry/context7.json" with { type: "json" };
import deepwiki from "../../registry/deepwiki.json" with { type: "json" };
import everything from "../../registry/everything.json" with { type: "json" };
import exa from "../../registry/exa.json" with { type: "json" };
import fetch from "../../registry/fetch.json" with { type: "json" };
import filesystem from "../../registry/filesystem.json" with { type: "json" };
import firecrawl from "../../registry/firecrawl.json" with { type: "json" };
import gdrive from "../../registry/gdrive.json" with { type: "json" };
import git from "../../registry/git.json" with { type: "json" };
import github from "../../registry/github.json" with { type: "json" };
import googleMaps from "../../registry/google-maps.json" with { type: "json" };
import linear from "../../registry/linear.json" with { type: "json" };
import memory from "../../registry/memory.json" with { type: "json" };
import mongodb from "../../registry/mongodb.json" with { type: "json" };
import notion from "../../registry/notion.json" with { type: "json" };
import playwright from "../../registry/playwright.json" with { type: "json" };
import postgres from "../../registry/postgres.json" with { type: "json" };
import puppeteer from "../../registry/puppeteer.json" with { type: "json" };
import redis from "../../registry/redis.json" with { type: "json" };
import sentry from "../../registry/sentry.json" with { type: "json" };
import sequentialThinking from "../../registry/sequential-thinking.json" with { type: "json" };
import slack from "../../registry/slack.json" with { type: "json" };
import sqlite from "../../registry/sqlite.json" with { type: "json" };
import stripe from "../../registry/stripe.json" with { type: "json" };
import supabase from "../../registry/supabase.json" with { type: "json" };
import tavily from "../../registry/tavily.json" with { type: "json" };
import time from "../../registry/time.json" with { type: "json" };

/** One built-in file: its id (the basename), its path relative to the repository, its content. */
export interface BuiltinFile {
  readonly id: string;
  readonly path: string;
  readonly data: unknown;
}

/** Every built-in server file, in id order. */
export const BUILTIN_FILES: readonly BuiltinFile[] = [
  { id: "brave-search", path: "registry/brave-search.json", data: braveSearch },
  { id: "cloudflare-docs", path: "registry/cloudflare-docs.json", data: cloudflareDocs },
  { id: "context7", path: "registry/context7.json", data: context7 },
  { id: "deepwiki", path: "registry/deepwiki.json", data: deepwiki },
  { id: "everything", path: "registry/everything.json", data: everything },
  { id: "exa", path: "registry/exa.json", data: exa },
  { id: "fetch", path: "registry/fetch.json", data: fetch },
  { id: "filesystem", path: "registry/filesystem.json", data: filesystem },
  { id: "firecrawl", path: "registry/firecrawl.json", data: firecrawl },
  { id: "gdrive", path: "registry/gdrive.json", data: gdrive },
  { id: "git", path: "registry/git.json", data: git },
  { id: "github", path: "registry/github.json", data: github },
  { id: "google-maps", path: "registry/google-maps.json", data: googleMaps },
  { id: "linear", path: "registry/linear.json", data: linear },
  { id: "memory", path: "registry/memory.json", data: memory },
  { id: "mongodb", path: "registry/mongodb.json", data: mongodb },
  { id: "notion", path: "registry/notion.json", data: notion },
  { id: "playwright", path: "registry/playwright.json", data: playwright },
  { id: "postgres", path: "registry/postgres.json", data: postgres },
  { id: "puppeteer", path: "registry/puppeteer.json", data: puppeteer },
  { id: "redis", path: "registry/redis.json", data: redis },
  { id: "sentry", path: "registry/sentry.json", data: sentry },
  { id: "sequential-thinking", path: "registry/sequential-thinking.json", data: sequentialThinking },
  { id: "slack", path: "registry/slack.json", data: slack },
  { id: "sqlite", path: "registry/sqlite.json", data: sqlite },
  { id: "stripe", path: "registry/stripe.json", data: stripe },
  { id: "supabase", path: "registry/supabase.json", data: supabase },
  { id: "tavily", path: "registry/tavily.json", data: tavily },
  { id: "time", path: "registry/time.json", data: time },
];
