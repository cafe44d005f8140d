// Svelte 5 understands TypeScript in <script lang="ts"> on its own; nothing to preprocess.
export default {};
