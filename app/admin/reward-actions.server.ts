import { retryReward, voidReward } from "../referrals/rewards.server";
import { isPlausibleId } from "./action-result";

export interface RewardCommand {
  intent: "retry" | "void";
  id: string;
  note?: string;
}

/** The reward form as a command, or a message saying what is wrong with it. */
export function parseRewardCommand(form: FormData): RewardCommand | string {
  const intent = form.get("intent");
  if (intent !== "retry" && intent !== "void") return "Choose retry or void.";
  const id = form.get("id");
  if (!isPlausibleId(id)) return "Choose a reward.";
  const note = String(form.get("note") ?? "")
    .trim()
    .slice(0, 500);
  return { intent, id, ...(note ? { note } : {}) };
}

/** Runs the command through the engine, which checks the shop and the reward's state. */
export async function runRewardCommand(shop: string, actor: string, cmd: RewardCommand): Promise<string> {
  if (cmd.intent === "retry") {
    await retryReward(shop, cmd.id, actor);
    return "Reward queued to be issued again.";
  }
  await voidReward(shop, cmd.id, actor, cmd.note);
  return "Reward voided; its code no longer works.";
}
