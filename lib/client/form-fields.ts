// Reads a submitted form's text fields. A field that is missing (or a file input) reads as "", so the
// server's schema, not a "[object File]" string, decides what is wrong with it.
export function formFields(form: HTMLFormElement): (name: string) => string {
  const data = new FormData(form);
  return (name) => {
    const value = data.get(name);
    return typeof value === "string" ? value : "";
  };
}

/** Every text value submitted under `name` (checkboxes, multiple selects), blanks left out. */
export function formValues(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
}
