// Stylesheets have no meaning in jsdom; imports of them resolve to nothing.
export default {};
