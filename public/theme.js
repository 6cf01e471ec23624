// The theme toggle: progressive enhancement of the button in every page's header, hidden in the markup
// (without JavaScript the system's theme applies and there is no toggle). The inline script in <head>
// (lib/inline-scripts.mjs) has already applied a stored choice before the page painted.
;(() => {
  const root = document.documentElement
  const button = document.querySelector('.theme-toggle')
  if (!button) return
  const current = () => {
    const chosen = root.dataset.theme
    if (chosen === 'light' || chosen === 'dark') return chosen
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
  }
  const show = () => {
    const dark = current() === 'dark'
    button.setAttribute('aria-label', `Switch to ${dark ? 'light' : 'dark'} theme`)
    button.textContent = dark ? '\u2600\ufe0e Light' : '\u263e Dark'
    button.hidden = false
  }
  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark'
    root.dataset.theme = next
    try {
      localStorage.setItem('theme', next)
    } catch {
      // Storage can be disabled (private mode): the choice then lasts for this page only.
    }
    show()
  })
  show()
})()
