// Reading a PDF that a test printed (`page.pdf()`), page by page, with Mozilla's pdf.js
// (npm pdfjs-dist, its build for Node.js).
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** The text of each page, in order, as pdf.js extracts it (pieces joined by spaces). */
export async function pdfPageTexts(bytes) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const { items } = await (await pdf.getPage(number)).getTextContent();
    pages.push(items.map((item) => item.str).join(" "));
  }
  await pdf.destroy();
  return pages;
}
