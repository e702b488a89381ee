// The Prisma schema's comments on status columns name exactly the states of app/states.ts,
// and every transition leads between states of its own machine.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ADVOCATE_STATUSES,
  ADVOCATE_TRANSITIONS,
  DELIVERY_STATUSES,
  DELIVERY_TRANSITIONS,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  REWARD_STATES,
  REWARD_TRANSITIONS,
  TASK_STATUSES,
  TASK_TRANSITIONS,
  type Transition,
} from "../../app/states";

const schema = fs.readFileSync(path.join(__dirname, "../../prisma/schema.prisma"), "utf8");

/** The states a model's column comment lists ("a | b | c (Union)"), on the line or the one above. */
function commentedStates(model: string, column: string): string[] {
  const body = schema.match(new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`))?.[1] ?? "";
  const lines = body.split("\n");
  const at = lines.findIndex((l) => new RegExp(`^\\s*${column}\\s`).test(l));
  const comment = [lines[at], lines[at - 1]].map((l) => l?.match(/\/\/\s*([a-z_ |]+)\(/)?.[1]).find(Boolean);
  return (comment ?? "").split("|").map((s) => s.trim());
}

const machines: [string, string, readonly string[], Record<string, Transition<string>>][] = [
  ["Referral", "status", REFERRAL_STATUSES, REFERRAL_TRANSITIONS],
  ["Reward", "state", REWARD_STATES, REWARD_TRANSITIONS],
  ["Advocate", "status", ADVOCATE_STATUSES, ADVOCATE_TRANSITIONS],
  ["WebhookDelivery", "status", DELIVERY_STATUSES, DELIVERY_TRANSITIONS],
  ["OutboxTask", "status", TASK_STATUSES, TASK_TRANSITIONS],
];

describe("states", () => {
  it.each(machines)("%s.%s: the schema comment lists the union", (model, column, states) => {
    expect(commentedStates(model, column).sort()).toEqual([...states].sort());
  });

  it.each(machines)(
    "%s: every transition stays within its states, and every state is reachable",
    (_m, _c, states, transitions) => {
      const reached = new Set<string>();
      for (const t of Object.values(transitions)) {
        for (const from of t.from) expect(states).toContain(from);
        expect(states).toContain(t.to);
        reached.add(t.to);
      }
      expect([...reached].sort()).toEqual([...states].sort());
    },
  );
});
