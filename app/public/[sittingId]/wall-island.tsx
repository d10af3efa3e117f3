// The public wall in the browser (bundled by scripts/build-wall.ts, without Next.js's runtime): it
// reads what the server rendered the page with and takes that HTML over; from there the screen
// follows the sitting over its socket as every live screen does.
import { hydrateRoot } from "react-dom/client";
import { WallRoot, type WallData } from "./wall-root";

const data = JSON.parse(document.getElementById("wall-data")?.textContent ?? "null") as WallData | null;
const root = document.getElementById("wall");
if (data && root) hydrateRoot(root, <WallRoot {...data} />);
