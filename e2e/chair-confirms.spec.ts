// PRES-4: what the mayor confirms says what matters before the act. Opening a sitting whose
// convocation was never sent, without a quorum, asks first and says both (a first-time user opened
// one with a tap); closing a vote says how many voters have not voted; the sitting cannot be closed
// while a vote is open (it asked "définitive ?" and then refused).
import { expect, test, type BrowserContext } from "@playwright/test";
import { chairOf, councillorOf, markPresent } from "./chair-socket";
import { freshSitting, openPage } from "./helpers";

const contexts: BrowserContext[] = [];
test.afterAll(async () => {
  for (const c of contexts) await c.close();
});

test("PRES-4 opening says the convocation was not sent and the quorum not reached; closing a vote says who has not voted; no closing the sitting mid-vote", async ({
  browser,
  baseURL,
  request,
}) => {
  const { sittingId: SID, itemIds } = await freshSitting(request);
  const mayor = await openPage(browser, contexts, "u-president", `/president/${SID}`, { width: 1194, height: 834 });
  const dialog = mayor.getByRole("dialog");

  await mayor.getByRole("button", { name: "Ouvrir la séance" }).click();
  await expect(dialog).toContainText("Ouvrir la séance maintenant ?");
  await expect(dialog.getByTestId("confirm-details")).toContainText("Aucune convocation n'a été envoyée aux élus.");
  await expect(dialog.getByTestId("confirm-details")).toContainText("Quorum non atteint : 0 présent pour 27 requis");
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(mayor.getByTestId("sitting-status")).toHaveText("Convoquée");

  const chair = await chairOf(baseURL ?? "", SID);
  const councillor = await councillorOf(baseURL ?? "", SID, "u-m02");
  try {
    await markPresent(chair, 30);
    await expect(mayor.getByTestId("quorum-banner")).toContainText("Quorum atteint : 30 présents");
    // The quorum reached: the confirmation no longer says it is not.
    await mayor.getByRole("button", { name: "Ouvrir la séance" }).click();
    await expect(dialog.getByTestId("confirm-details")).not.toContainText("Quorum non atteint");
    await dialog.getByRole("button", { name: "Confirmer" }).click();
    await expect(mayor.getByTestId("sitting-status")).toHaveText("Séance ouverte");

    await chair.send({ type: "item:call", itemId: itemIds[0] ?? "" });
    const opened = await chair.send({ type: "vote:open", itemId: itemIds[0] ?? "", mode: "public", reveal: "live", allowChange: false });
    await councillor.send({ type: "ballot:cast", voteId: String(opened.voteId), choice: "pour" });
    await expect(mayor.getByTestId("ballots-cast")).toContainText("1 vote sur 30");
    await expect(mayor.getByRole("button", { name: "Lever la séance" })).toBeDisabled();
    await mayor.getByRole("button", { name: "Clore le vote" }).click();
    await expect(dialog.getByTestId("confirm-details")).toContainText("29 électeurs n'ont pas encore voté : leur voix ne sera pas comptée.");
    await dialog.getByRole("button", { name: "Confirmer" }).click();
    await expect(mayor.getByRole("button", { name: "Lever la séance" })).toBeEnabled();
    // Leave no sitting in progress behind (the roster cannot be imported while one is).
    await chair.send({ type: "vote:proclaim", voteId: String(opened.voteId) });
    await chair.send({ type: "sitting:close" });
  } finally {
    chair.close();
    councillor.close();
  }
});
