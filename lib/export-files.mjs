/** Reading the export's folder tree; shared by the finishing step, server.mjs and the nginx renderer. */
import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/**
 * Every file under a folder, as paths relative to it with "/" separators.
 * @param {string} root
 * @param {string} [folder]
 * @returns {string[]}
 */
export function listFiles(root, folder = root) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return listFiles(root, path)
    return entry.isFile() ? [relative(root, path).split(sep).join('/')] : []
  })
}
