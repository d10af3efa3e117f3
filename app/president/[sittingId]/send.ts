// How the console's panels send a command (the page's useCommand: a refusal becomes its notice).
import type { CommandBody } from "@/core/sitting/protocol";

export type Send = (command: CommandBody) => Promise<unknown>;
