/// The sign-in form. `csrf` is the value of the form's cookie, sent back in a hidden field so a
/// form posted from another site (which cannot read the cookie) is refused.
enum SignInPage {
    static func render(_ frame: PageFrame, csrf: String, next: String, error: String?, name: String = "") -> HTML {
        let t = frame.language
        let message: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        return frame.page(title: t(.signIn), live: false, """
            <form class="signin" method="post" action="/sign-in">
            <h1>\(t(.signIn))</h1>\(message)
            <input type="hidden" name="csrf" value="\(csrf)"><input type="hidden" name="next" value="\(next)">
            <label for="name">\(t(.name))</label><input id="name" name="name" autocomplete="username" required value="\(name)">
            <label for="password">\(t(.password))</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button id="sign-in" type="submit">\(t(.signIn))</button>
            </form>
            """)
    }
}
