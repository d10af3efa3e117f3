// The sitting the tests convene: the demo council's 3 October 2022 agenda, copied afresh each time.
export const DEMO_SITTING_BODY = {
  date: "2022-10-03",
  time: "18:00",
  place: "Salle du Conseil",
  convocationDate: "2022-09-26",
  copyAgendaFrom: "s-2022-10-03",
  secretaryIds: ["m28"],
} as const;

/** "m01" … "m53": the demo council's member ids by seat. */
export const memberId = (seat: number): string => `m${String(seat).padStart(2, "0")}`;
