{ a
  ? u }: a