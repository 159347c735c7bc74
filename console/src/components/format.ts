// How the console writes a moment: the date and the 24-hour time, as staff read them on every page.
export const dateTime = (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false });
