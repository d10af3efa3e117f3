import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeElection,
  computeQuorum,
  computeResult,
  decideBallotMode,
  evaluateCase,
  listRuleSets,
  type ResultInput,
  type RuleSet,
  type Tally,
} from "@/core/rules";

const ruleSetArb = fc.constantFrom(...listRuleSets());
const tallyArb: fc.Arbitrary<Tally> = fc.record({
  pour: fc.nat(60),
  contre: fc.nat(60),
  abstention: fc.nat(20),
  nppv: fc.nat(5),
});
const presidentArb = fc.constantFrom("pour", "contre", "abstention", "nppv", "none" as const);
const ballotArb = fc.constantFrom("show-of-hands", "public", "secret" as const);
const kindArb = fc.constantFrom("ordinary", "compte-administratif", "huis-clos" as const);

/** Any well-formed vote under a rule set: two thirds only where it exists, huis clos with its base. */
const voteArb: fc.Arbitrary<{ rs: RuleSet; r: ResultInput }> = fc
  .record({
    rs: ruleSetArb,
    kind: kindArb,
    ballot: ballotArb,
    votes: tallyArb,
    presidentVote: presidentArb,
    twoThirds: fc.boolean(),
    extra: fc.nat(40),
  })
  .map(({ rs, kind, ballot, votes, presidentVote, twoThirds, extra }) => ({
    rs,
    r: {
      kind,
      ballot,
      votes,
      presidentVote,
      twoThirds: twoThirds && rs.supportsTwoThirds,
      presentOrRepresented: votes.pour + votes.contre + votes.abstention + votes.nppv + extra,
    },
  }));

const quorumArb = fc
  .record({
    rs: ruleSetArb,
    n: fc.integer({ min: 1, max: 80 }),
    present: fc.nat(80),
    recused: fc.nat(10),
    represented: fc.nat(20),
    second: fc.boolean(),
  })
  .map(({ rs, n, present, recused, represented, second }) => {
    const p = Math.min(present, n);
    return {
      rs,
      q: {
        membersInOffice: n,
        present: p,
        recused: Math.min(recused, p),
        represented,
        secondConvocation: second,
      },
    };
  });

describe("properties", () => {
  it("VOTE-1 an extra abstention never changes an ordinary result", () => {
    fc.assert(
      fc.property(voteArb, ({ rs, r }) => {
        const before = computeResult(rs, r);
        const after = computeResult(rs, {
          ...r,
          votes: { ...r.votes, abstention: r.votes.abstention + 1 },
        });
        expect([after.outcome, after.castingVote, after.majorityRequired]).toEqual([before.outcome, before.castingVote, before.majorityRequired]);
      }),
    );
  });

  it("QUORUM-1 quorum never drops when a member arrives", () => {
    fc.assert(
      fc.property(quorumArb, ({ rs, q }) => {
        fc.pre(q.present < q.membersInOffice);
        const before = computeQuorum(rs, q);
        const after = computeQuorum(rs, { ...q, present: q.present + 1 });
        expect(after.counted).toBeGreaterThanOrEqual(before.counted);
        if (before.reached) expect(after.reached).toBe(true);
      }),
    );
  });

  it("QUORUM-8 quorum is reached exactly when the members counted meet the requirement", () => {
    fc.assert(
      fc.property(quorumArb, ({ rs, q }) => {
        const result = computeQuorum(rs, q);
        expect(result.reached).toBe(result.counted >= result.required);
      }),
    );
  });

  it("VOTE-2 swapping Pour and Contre flips an ordinary non-tied result", () => {
    fc.assert(
      fc.property(ruleSetArb, ballotArb, tallyArb, presidentArb, (rs, ballot, votes, presidentVote) => {
        fc.pre(votes.pour !== votes.contre);
        const r: ResultInput = {
          kind: "ordinary",
          ballot,
          votes,
          presidentVote,
        };
        const swapped = computeResult(rs, {
          ...r,
          votes: { ...votes, pour: votes.contre, contre: votes.pour },
        });
        expect(swapped.outcome).not.toBe(computeResult(rs, r).outcome);
      }),
    );
  });

  it("VOTE-2 adding a Pour never turns adopted into rejected", () => {
    fc.assert(
      fc.property(voteArb, ({ rs, r }) => {
        fc.pre(computeResult(rs, r).outcome === "adopted");
        const more = { ...r, votes: { ...r.votes, pour: r.votes.pour + 1 } };
        expect(computeResult(rs, more).outcome).toBe("adopted");
      }),
    );
  });

  it("VOTE-4 secret ballots never use a casting vote", () => {
    fc.assert(
      fc.property(voteArb, ({ rs, r }) => {
        expect(computeResult(rs, { ...r, ballot: "secret" }).castingVote).toBe(false);
      }),
    );
  });

  it("VOTE-3 a casting vote is only ever used on a tie, in the president's direction", () => {
    fc.assert(
      fc.property(voteArb, ({ rs, r }) => {
        const result = computeResult(rs, r);
        if (result.castingVote) {
          expect(r.votes.pour).toBe(r.votes.contre);
          expect(result.outcome).toBe(r.presidentVote === "pour" ? "adopted" : "rejected");
          expect(rs.hasCastingVote).toBe(true);
        }
      }),
    );
  });

  it("ELECT-1 a round-1 or round-2 winner has more than half of the suffrages exprimés", () => {
    const candidates = fc.uniqueArray(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 4 }),
        votes: fc.nat(40),
        birthDate: fc.constantFrom("1950-01-01", "1960-06-15", "1970-12-31"),
      }),
      { minLength: 2, maxLength: 5, selector: (c) => c.name },
    );
    fc.assert(
      fc.property(ruleSetArb, fc.constantFrom(1, 2 as const), candidates, fc.nat(5), (rs, round, cs, blank) => {
        const e = computeElection(rs, { round, candidates: cs, blank });
        const total = cs.reduce((s, c) => s + c.votes, 0);
        if (e.outcome === "elected") {
          const winner = cs.find((c) => c.name === e.elected);
          expect(2 * (winner?.votes ?? 0)).toBeGreaterThan(total);
        } else {
          expect(cs.every((c) => 2 * c.votes <= total)).toBe(true);
        }
      }),
    );
  });

  it("ELECT-2 round 3 of a French nomination elects whenever someone got a vote and ages differ", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            name: fc.string({ minLength: 1 }),
            votes: fc.integer({ min: 1, max: 30 }),
          }),
          { minLength: 2, maxLength: 5, selector: (c) => c.name },
        ),
        (cs) => {
          const withAges = cs.map((c, i) => ({
            ...c,
            birthDate: `19${String(40 + i).padStart(2, "0")}-01-01`,
          }));
          const rs = listRuleSets().find((x) => x.id === "fr-cgct");
          if (!rs) throw new Error("fr-cgct missing");
          const e = computeElection(rs, {
            round: 3,
            candidates: withAges,
            blank: 0,
          });
          const top = Math.max(...withAges.map((c) => c.votes));
          expect(e.outcome).toBe("elected");
          expect(withAges.find((c) => c.name === e.elected)?.votes).toBe(top);
        },
      ),
    );
  });

  it("BALLOT-3 enough secret requests always give a secret ballot", () => {
    fc.assert(
      fc.property(ruleSetArb, fc.integer({ min: 1, max: 70 }), fc.nat(70), (rs, present, publicRequests) => {
        const secretRequests = rs.ballotThresholds(present).secret;
        expect(
          decideBallotMode(rs, {
            present,
            publicRequests,
            secretRequests: Math.max(1, secretRequests),
          }).mode,
        ).toBe("secret");
      }),
    );
  });

  it("CASE-0 evaluateCase never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = evaluateCase(value);
        expect(typeof r.outcome).toBe("string");
      }),
    );
  });

  it("QUORUM-8 a valid case is no-quorum exactly when quorum is not reached", () => {
    const caseArb = fc
      .record({
        rs: fc.constantFrom("fr-cgct", "roberts-rules", "uk-lga-1972"),
        n: fc.integer({ min: 5, max: 60 }),
        presentShare: fc.double({ min: 0, max: 1, noNaN: true }),
        votes: tallyArb,
        presidentVote: presidentArb,
        second: fc.boolean(),
      })
      .map(({ rs, n, presentShare, votes, presidentVote, second }) => {
        const present = Math.floor(n * presentShare);
        const cap = (x: number, max: number) => Math.min(x, max);
        const pour = cap(votes.pour, present);
        const contre = cap(votes.contre, present - pour);
        return {
          ruleSet: rs,
          input: {
            kind: "ordinary",
            membersInOffice: n,
            present,
            secondConvocation: second,
            votes: { pour, contre },
            presidentVote,
          },
        };
      });
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = evaluateCase(c);
        expect(r.valid).toBe(true);
        expect(r.outcome === "no-quorum").toBe(r.quorum === false);
      }),
    );
  });
});
