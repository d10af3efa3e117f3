// The chair's own route (the mayor's console): convene the second convocation after a sitting closed
// for want of quorum (L2121-17). The live sitting itself is driven over the socket (protocol.ts).
import { z } from "zod";
import { route } from "./contract";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");

export const SecondConvocationSchema = z.strictObject({
  date: IsoDate,
  time: z.string().regex(/^\d{2}:\d{2}$/, "a time HH:MM"),
  place: z.string().trim().min(1).max(200).optional(),
  convocationDate: IsoDate,
});
export type SecondConvocation = z.infer<typeof SecondConvocationSchema>;

export const chairRoutes = {
  /** The president or the clerk of the sitting's council: the new sitting carries the items deferred for want of quorum. */
  secondConvocation: route<{ sittingId: string; itemIds: string[] }>()({
    method: "POST",
    path: "/api/sittings/:sittingId/second-convocation",
    access: "staff",
    input: SecondConvocationSchema,
  }),
};
